package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.InfoWriter;
import java.util.function.Consumer;

/** Writes INFO sections through the server's info context, valid during the INFO callback only. */
final class NativeInfoWriter implements InfoWriter {
    private long infoCtx;

    NativeInfoWriter(long infoCtx) {
        this.infoCtx = infoCtx;
    }

    private long live() {
        if (infoCtx == 0) throw new IllegalStateException("an InfoWriter works only while the INFO callback that received it runs");
        return infoCtx;
    }

    @Override
    public InfoWriter section(String name) {
        InfoAddSection(live(), name);
        return this;
    }

    @Override
    public InfoWriter field(String name, long value) {
        InfoAddFieldLongLong(live(), name, value);
        return this;
    }

    @Override
    public InfoWriter unsignedField(String name, long value) {
        InfoAddFieldULongLong(live(), name, value);
        return this;
    }

    @Override
    public InfoWriter field(String name, double value) {
        InfoAddFieldDouble(live(), name, value);
        return this;
    }

    @Override
    public InfoWriter field(String name, String value) {
        InfoAddFieldCString(live(), name, value);
        return this;
    }

    @Override
    public InfoWriter dict(String name, Consumer<InfoWriter> fields) {
        InfoBeginDictField(live(), name);
        try {
            fields.accept(this);
        } finally {
            InfoEndDictField(live());
        }
        return this;
    }

    void invalidate() {
        infoCtx = 0;
    }
}
