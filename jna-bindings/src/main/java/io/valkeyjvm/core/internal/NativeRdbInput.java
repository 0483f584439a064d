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

    /** The module sets HANDLE_IO_ERRORS, so a short or damaged stream is an error to report, not a crash. */
    private long live() {
        if (io == 0) throw new IllegalStateException("an RdbInput can be read only during the load that received it");
        if (IsIOError(io) != 0) throw new ValkeyException("ERR short read or damaged data in the RDB stream");
        return io;
    }

    private <T> T checked(T value) {
        if (IsIOError(io) != 0) throw new ValkeyException("ERR short read or damaged data in the RDB stream");
        return value;
    }

    @Override
    public long readUnsigned() {
        return checked(LoadUnsigned(live()));
    }

    @Override
    public long readSigned() {
        return checked(LoadSigned(live()));
    }

    @Override
    public double readDouble() {
        return checked(LoadDouble(live()));
    }

    @Override
    public float readFloat() {
        return checked(LoadFloat(live()));
    }

    @Override
    public double readLongDouble() {
        return checked(LoadLongDouble(live()));
    }

    @Override
    public ValkeyString readString() {
        return ValkeyString.wrap(readBytes());
    }

    @Override
    public byte[] readBytes() {
        byte[] bytes = NativeAccess.loadStringBuffer(live());
        if (bytes == null) throw new ValkeyException("ERR short read or damaged data in the RDB stream");
        return checked(bytes);
    }

    void invalidate() {
        io = 0;
    }
}
