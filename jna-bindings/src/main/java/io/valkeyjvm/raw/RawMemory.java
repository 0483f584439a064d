package io.valkeyjvm.raw;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Native memory for the out parameters and pointer arrays of the module API (an {@code int *}
 * flags word, a {@code double *} score, a {@code ValkeyModuleStreamID *}, a
 * {@code ValkeyModuleString **} array), and reads and writes of memory the server hands out
 * (StringDMA).
 *
 * <p>The scratch area is one block reused by every call: the module API runs only under the
 * server's lock, so one caller at a time uses it, and each caller is done with it before it
 * returns.
 */
@RawValkeyApi
public final class RawMemory {
    private static final int SCRATCH_BYTES = 4096;
    private static final Memory SCRATCH = new Memory(SCRATCH_BYTES);

    private RawMemory() {}

    /** The scratch area's address, {@code bytes} of it zeroed; at most 4096 bytes. */
    public static long scratch(int bytes) {
        if (bytes < 0 || bytes > SCRATCH_BYTES) throw new IllegalArgumentException("scratch of " + bytes + " bytes");
        SCRATCH.clear(bytes);
        return Pointer.nativeValue(SCRATCH);
    }

    /** How many bytes {@link #scratch} can give. */
    public static int scratchBytes() {
        return SCRATCH_BYTES;
    }

    public static int getInt(long address) {
        return new Pointer(address).getInt(0);
    }

    public static void putInt(long address, int value) {
        new Pointer(address).setInt(0, value);
    }

    public static long getLong(long address) {
        return new Pointer(address).getLong(0);
    }

    public static void putLong(long address, long value) {
        new Pointer(address).setLong(0, value);
    }

    public static double getDouble(long address) {
        return new Pointer(address).getDouble(0);
    }

    /** Copies {@code length} bytes of {@code bytes} from {@code offset} to {@code address}. */
    public static void write(long address, byte[] bytes, int offset, int length) {
        new Pointer(address).write(0, bytes, offset, length);
    }

    /** A copy of {@code length} bytes at {@code address}. */
    public static byte[] read(long address, int length) {
        return new Pointer(address).getByteArray(0, length);
    }

    /** Sets {@code length} bytes at {@code address} to zero. */
    public static void zero(long address, long length) {
        new Pointer(address).setMemory(0, length, (byte) 0);
    }

    /** The errno the last native call through JNA left on this thread. */
    public static int lastErrno() {
        return Native.getLastError();
    }
}
