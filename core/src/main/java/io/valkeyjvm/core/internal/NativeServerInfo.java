package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.ServerInfoGetFieldC;

import io.valkeyjvm.core.ServerInfo;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** GetServerInfo's data, read through the context that opened it (which frees it when its call ends). */
final class NativeServerInfo implements ServerInfo {
    private final NativeModuleContext owner;
    private final long data;

    NativeServerInfo(NativeModuleContext owner, long data) {
        this.owner = owner;
        this.data = data;
    }

    @Override
    public @Nullable String text(String field) {
        owner.live();
        long value = ServerInfoGetFieldC(data, field);
        return value == 0 ? null : new String(NativeAccess.cStringBytes(value), StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable Long signed(String field) {
        String text = text(field);
        return text == null ? null : ValkeyString.of(text).toLongOrNull();
    }

    @Override
    public @Nullable Long unsigned(String field) {
        String text = text(field);
        if (text == null || text.isEmpty() || text.charAt(0) == '+') return null;
        try {
            // Like strtoull, which the server uses: a negative number wraps around.
            return text.charAt(0) == '-' ? -Long.parseUnsignedLong(text.substring(1)) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public @Nullable Double decimal(String field) {
        String text = text(field);
        return text == null ? null : ValkeyString.of(text).toDoubleOrNull();
    }
}
