package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.KeyType;
import static io.valkeyjvm.raw.ValkeyModuleApi.ScanCursorCreate;
import static io.valkeyjvm.raw.ValkeyModuleApi.ScanCursorDestroy;
import static io.valkeyjvm.raw.ValkeyModuleApi.ScanCursorRestart;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_EMPTY;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_HASH;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_SET;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_ZSET;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.ScanCursor;
import io.valkeyjvm.core.ScanKeyHandler;
import io.valkeyjvm.core.ServerAccess;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Scanning the keyspace and keys, a step at a time: the loader runs one Scan or ScanKey step and
 * hands back what it found; the module's code then runs with no server iteration under way.
 */
@InternalValkeyJvmApi
public final class Scans {
    private Scans() {}

    /** ScanCursor.create. */
    public static ScanCursor newCursor() {
        return new Cursor();
    }

    /** ServerAccess.scanKeys, one step. */
    public static boolean keys(ServerAccess access, ScanCursor cursor, Consumer<ValkeyString> action) {
        long ctx = context(access, "scanKeys").live();
        Cursor c = cursor(cursor);
        if (c.done) return false;
        int[] more = new int[1];
        byte[][] names = NativeAccess.scanKeys(ctx, c.pointer(), more);
        c.done = more[0] == 0;
        for (byte[] name : names) action.accept(Strings.owning(name));
        return !c.done;
    }

    /** ServerAccess.scanKeys, every step. */
    public static void allKeys(ServerAccess access, Consumer<ValkeyString> action) {
        try (ScanCursor cursor = newCursor()) {
            while (keys(access, cursor, action)) {
                // each step has run the action on what it found
            }
        }
    }

    /** Key.scanElements, one step. */
    public static boolean elements(Key key, ScanCursor cursor, ScanKeyHandler action) {
        if (!(key instanceof NativeKey))
            throw new UnsupportedOperationException("scanElements needs a live server: test this command with valkeyServer(...) instead");
        long k = ((NativeKey) key).scanPointer();
        Cursor c = cursor(cursor);
        if (c.done) return false;
        int type = k == 0 ? KEYTYPE_EMPTY : KeyType(k);
        if (type == KEYTYPE_EMPTY) {
            c.done = true;
            return false;
        }
        if (type != KEYTYPE_HASH && type != KEYTYPE_SET && type != KEYTYPE_ZSET) throw ValkeyException.wrongType();
        int[] more = new int[1];
        byte[][] pairs = NativeAccess.scanKey(k, c.pointer(), more);
        c.done = more[0] == 0;
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            byte[] value = pairs[i + 1];
            action.element(Strings.owning(pairs[i]), value == null ? null : Strings.owning(value));
        }
        return !c.done;
    }

    /** Key.scanElements, every step. */
    public static void allElements(Key key, ScanKeyHandler action) {
        try (ScanCursor cursor = newCursor()) {
            while (elements(key, cursor, action)) {
                // each step has run the action on what it found
            }
        }
    }

    private static NativeModuleContext context(ServerAccess access, String what) {
        if (access instanceof NativeModuleContext) return (NativeModuleContext) access;
        throw new UnsupportedOperationException(what + " needs a live server: test this command with valkeyServer(...) instead");
    }

    private static Cursor cursor(ScanCursor cursor) {
        if (cursor instanceof Cursor) return (Cursor) cursor;
        throw new IllegalArgumentException("not a cursor of ScanCursor.create(): " + cursor.getClass().getName());
    }

    /** The server's cursor is made at the first step, so a cursor may be created before the module is loaded. */
    private static final class Cursor implements ScanCursor {
        private NativeResources.@Nullable Handle handle;
        volatile boolean done;

        synchronized long pointer() {
            if (handle == null || handle.pointer() == 0) {
                long p = ScanCursorCreate();
                if (p == 0) throw new OutOfMemoryError("the server could not allocate a scan cursor");
                handle = NativeResources.track(this, p, pointer -> ScanCursorDestroy(pointer));
            }
            return handle.pointer();
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public synchronized void restart() {
            if (handle != null && handle.pointer() != 0) ScanCursorRestart(handle.pointer());
            done = false;
        }

        @Override
        public synchronized void close() {
            if (handle != null) handle.release();
            handle = null;
            done = false;
        }
    }
}
