package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A command's arguments, copied from the server's argv on first access (argv dies with the call),
 * or all at once when the command blocks its client, whose code runs later.
 */
final class NativeArgs extends AbstractList<ValkeyString> implements RandomAccess {
    private long argv;
    private final ValkeyString[] copies;

    NativeArgs(long argv, int argc) {
        this.argv = argv;
        this.copies = new ValkeyString[argc];
    }

    @Override
    public ValkeyString get(int index) {
        ValkeyString copy = copies[index];
        if (copy != null) return copy;
        if (argv == 0)
            throw new IllegalStateException("command arguments can be read only while the command runs; read them before it returns");
        return copies[index] = Strings.owning(NativeAccess.argBytes(argv, index));
    }

    @Override
    public int size() {
        return copies.length;
    }

    /** Copies every argument not read yet, so that all stay readable after the call. */
    void copyAll() {
        for (int i = 0; i < copies.length; i++) get(i);
    }

    void invalidate() {
        argv = 0;
    }
}
