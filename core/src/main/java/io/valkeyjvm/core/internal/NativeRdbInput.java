package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.RdbInput;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;

/** Reads from the server's RDB stream; valid only during the load call. */
final class NativeRdbInput implements RdbInput {
    private long io;

    NativeRdbInput(long io) {
        this.io = io;
    }

    private long live() {
        if (io == 0) throw new IllegalStateException("an RdbInput can be read only during the load that received it");
        return io;
    }

    /** The module sets HANDLE_IO_ERRORS, so a short or damaged stream is an error to report, not a crash. */
    private void check() {
        if (IsIOError(io) != 0) throw new ValkeyException("ERR short read or damaged data in the RDB stream");
    }

    @Override
    public long readUnsigned() {
        long value = LoadUnsigned(live());
        check();
        return value;
    }

    @Override
    public long readSigned() {
        long value = LoadSigned(live());
        check();
        return value;
    }

    @Override
    public double readDouble() {
        double value = LoadDouble(live());
        check();
        return value;
    }

    @Override
    public float readFloat() {
        float value = LoadFloat(live());
        check();
        return value;
    }

    @Override
    public double readLongDouble() {
        double value = LoadLongDouble(live());
        check();
        return value;
    }

    @Override
    public ValkeyString readString() {
        return Strings.owning(readBytes());
    }

    @Override
    public byte[] readBytes() {
        byte[] bytes = NativeAccess.loadStringBuffer(live());
        check();
        if (bytes == null) throw new ValkeyException("ERR short read or damaged data in the RDB stream");
        return bytes;
    }

    void invalidate() {
        io = 0;
    }
}
