package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.GetContextFlags;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_ACTIVE_CHILD;

import io.valkeyjvm.raw.NativeAccess;

/**
 * Records the saves of values changed through keys soon after the change, in slices on the main
 * thread, rather than all of them just before the next fork (BGSAVE, AOF rewrite, full sync),
 * which would stall the server for as long as that takes. A change schedules a timer of
 * {@value #DELAY_MILLIS} ms; each slice records for at most {@code valkeyjvm.recordSliceMicros}
 * µs (default {@value #DEFAULT_SLICE_MICROS}) and schedules the next while values are left, so a
 * fork finds only what changed in the last moments. While a fork child saves, slices wait (new
 * tapes then would only be copied on write). {@code -Dvalkeyjvm.recordSliceMicros=0} leaves every
 * recording to the fork.
 *
 * <p>A value's save records what it holds at that moment; the next change through a writable key
 * marks it again. So a value must change only through a key open for writing, on the main thread,
 * as the module API requires of C modules too: a change made later through a kept reference is
 * saved only if a writable key reaches the value again.
 */
final class DirtyRecording {
    static final String PROPERTY = "valkeyjvm.recordSliceMicros";
    static final long DEFAULT_SLICE_MICROS = 500;
    static final long DELAY_MILLIS = 1;
    /** While a fork child saves, slices wait: tapes recorded then would only add copy-on-write. */
    static final long WHILE_SAVING_DELAY_MILLIS = 10;

    private static final long SLICE_NANOS = Long.getLong(PROPERTY, DEFAULT_SLICE_MICROS) * 1000;
    private static boolean scheduled;

    private DirtyRecording() {}

    /** A value was reached through a writable key, or set: a slice comes soon, if none is on its way. */
    static void changed() {
        if (scheduled || SLICE_NANOS <= 0 || !ModuleRuntime.isMainThread()) return;
        later(DELAY_MILLIS);
    }

    private static void later(long delayMillis) {
        scheduled = true;
        try {
            TimerHost.schedule(delayMillis, access -> slice());
        } catch (Throwable e) {
            // No timer (the module is going away, or a full heap): the fork records the value, as without
            // slices, and the next change tries again; the command that changed it goes on.
            scheduled = false;
        }
    }

    private static void slice() {
        scheduled = false;
        if ((GetContextFlags(ServerHost.context()) & CTX_FLAGS_ACTIVE_CHILD) != 0) {
            // A save runs in a child: new tapes now would only be copied on write; the next fork takes them.
            later(WHILE_SAVING_DELAY_MILLIS);
        } else if (NativeAccess.recordDirty(SLICE_NANOS) > 0) {
            changed();
        }
    }
}
