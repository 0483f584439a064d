package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.CreateString;
import static io.valkeyjvm.raw.ValkeyModuleApi.FreeString;

import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;

/** Server strings made for, and taken from, the key-type functions. */
final class KeyStrings {
    private KeyStrings() {}

    /** A server copy of {@code value}, for the caller to free. */
    static long create(long ctx, ValkeyString value) {
        byte[] bytes = value.toByteArray();
        return CreateString(ctx, bytes, bytes.length);
    }

    /** The bytes of a server string the API handed over, which is freed here. */
    static ValkeyString take(long ctx, long string) {
        try {
            return Strings.owning(NativeAccess.stringBytes(string));
        } finally {
            FreeString(ctx, string);
        }
    }

    static ValkeyString view(long string) {
        return Strings.owning(NativeAccess.stringBytes(string));
    }
}
