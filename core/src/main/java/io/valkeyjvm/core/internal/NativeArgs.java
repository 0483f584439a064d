package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.CommandArguments;
import io.valkeyjvm.raw.NativeAccess;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A command's arguments, copied from the server's argv on first access (argv dies with the call),
 * or all at once when the command blocks its client, whose code runs later.
 *
 * <p>On the main thread the first access copies every argument in one native call, through a
 * scratch buffer, when they fit in it: one call into C per command rather than one per argument.
 */
final class NativeArgs extends AbstractList<ValkeyString> implements RandomAccess {
    /** Arguments of a few KB each are the common case; larger ones are copied one by one. */
    private static final byte[] SCRATCH = new byte[16 * 1024];
    private static final int[] SCRATCH_ENDS = new int[64];

    private static final ValkeyString[] NONE_READ = new ValkeyString[0];

    private long argv;
    private final int argc;
    /** The arguments read so far; made at the first read (many commands read none). */
    private ValkeyString[] copies = NONE_READ;
    private boolean fetchTried;

    NativeArgs(long argv, int argc) {
        this.argv = argv;
        this.argc = argc;
    }

    @Override
    public ValkeyString get(int index) {
        Objects.checkIndex(index, argc);
        if (copies.length == 0) copies = new ValkeyString[argc];
        ValkeyString copy = copies[index];
        if (copy != null) return copy;
        if (argv == 0)
            throw new IllegalStateException("command arguments can be read only while the command runs; read them before it returns");
        if (!fetchTried && fetchAll(index)) return copies[index];
        return copies[index] = Strings.owning(NativeAccess.argBytes(argv, index));
    }

    /**
     * Copies every argument through the scratch buffer, but for the command's name (argument 0,
     * which few commands read; read later, it is copied alone) unless it is the one asked for;
     * false if they do not fit, or off the main thread (the buffer is the main thread's). The
     * buffer is free again when this returns, so a command run by a nested call on the same
     * thread may use it too.
     */
    private boolean fetchAll(int requested) {
        fetchTried = true;
        if (!ModuleRuntime.isMainThread()) return false;
        if (CommandArguments.copyInto(argv, argc, SCRATCH, SCRATCH_ENDS) != argc) return false;
        int start = 0;
        for (int i = 0; i < argc; i++) {
            int end = SCRATCH_ENDS[i];
            if (copies[i] == null && (i > 0 || requested == 0)) copies[i] = Strings.owning(Arrays.copyOfRange(SCRATCH, start, end));
            start = end;
        }
        return true;
    }

    @Override
    public int size() {
        return argc;
    }

    /** Copies every argument not read yet, so that all stay readable after the call. */
    void copyAll() {
        for (int i = 0; i < argc; i++) get(i);
    }

    void invalidate() {
        argv = 0;
    }
}
