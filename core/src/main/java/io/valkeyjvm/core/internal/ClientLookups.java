package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.ClientInfo;
import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.RawMemory;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Clients.* at the server: the detached context stands in where the API wants a context. */
@InternalValkeyJvmApi
public final class ClientLookups {
    /** ValkeyModuleClientInfoV1: version, flags, id (uint64), addr[46], port, db (uint16). */
    private static final int INFO_SIZE = 74;
    private static final int ADDRESS_SIZE = 46;

    private ClientLookups() {}

    public static @Nullable ClientInfo info(long id) {
        long info = RawMemory.scratch(INFO_SIZE);
        RawMemory.putLong(info, 1);
        if (GetClientInfoById(info, id) != OK) return null;
        byte[] b = RawMemory.read(info, INFO_SIZE);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.nativeOrder());
        int end = 0;
        while (end < ADDRESS_SIZE && b[24 + end] != 0) end++;
        return new ClientInfo(buffer.getLong(16), new String(b, 24, end, StandardCharsets.US_ASCII),
                Short.toUnsignedInt(buffer.getShort(70)), Short.toUnsignedInt(buffer.getShort(72)), buffer.getLong(8));
    }

    public static @Nullable ValkeyString name(long id) {
        long ctx = ServerHost.context();
        long name = GetClientNameById(ctx, id);
        return name == 0 ? null : KeyStrings.take(ctx, name);
    }

    public static boolean setName(long id, ValkeyString name) {
        // Tells a missing client from a refused name without errno, which JNA may not keep.
        if (info(id) == null) return false;
        long ctx = ServerHost.context();
        long string = KeyStrings.create(ctx, name);
        try {
            if (SetClientNameById(id, string) == OK) return true;
            throw new IllegalArgumentException("Invalid argument: a client name cannot have spaces, newlines or special characters");
        } finally {
            FreeString(ctx, string);
        }
    }

    public static @Nullable ValkeyString certificate(long id) {
        long ctx = ServerHost.context();
        long cert = GetClientCertificate(ctx, id);
        return cert == 0 ? null : KeyStrings.take(ctx, cert);
    }
}
