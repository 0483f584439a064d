package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_STRING;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;
import static io.valkeyjvm.raw.ValkeyModuleConstants.READ;
import static io.valkeyjvm.raw.ValkeyModuleConstants.WRITE;

import io.valkeyjvm.core.StringValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import io.valkeyjvm.raw.RawMemory;

/** A string view of a {@link NativeKey}, through StringDMA: the pointer is taken afresh for each call, as any write may move it. */
final class NativeStringValue implements StringValue {
    /** StringTruncate's own limit. */
    private static final long MAX_LENGTH = 512L * 1024 * 1024;

    private final NativeKey key;

    NativeStringValue(NativeKey key) {
        this.key = key;
        key.typed(KEYTYPE_STRING);
    }

    @Override
    public long length() {
        long k = key.typed(KEYTYPE_STRING);
        return k == 0 ? 0 : ValueLength(k);
    }

    @Override
    public ValkeyString get() {
        long k = key.typed(KEYTYPE_STRING);
        if (k == 0) return ValkeyString.of(new byte[0]);
        byte[] bytes = NativeAccess.keyStringBytes(k);
        if (bytes == null) throw ValkeyException.wrongType();
        return Strings.owning(bytes);
    }

    @Override
    public void set(ValkeyString value) {
        key.typedForWrite(KEYTYPE_STRING);
        key.setString(value);
    }

    @Override
    public byte[] read(long offset, int length) {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("offset and length cannot be negative: " + offset + ", " + length);
        long k = key.typed(KEYTYPE_STRING);
        if (k == 0) return new byte[0];
        long lengthOut = RawMemory.scratch(8);
        long data = StringDMA(k, lengthOut, READ);
        if (data == 0) throw ValkeyException.wrongType();
        long total = RawMemory.getLong(lengthOut);
        if (offset >= total) return new byte[0];
        return RawMemory.read(data + offset, (int) Math.min(length, total - offset));
    }

    @Override
    public long write(long offset, byte[] bytes) {
        if (offset < 0) throw new IllegalArgumentException("offset cannot be negative: " + offset);
        long k = key.typedForWrite(KEYTYPE_STRING);
        long current = ValueLength(k);
        long end = offset + bytes.length;
        if (bytes.length == 0) return current;
        if (end > MAX_LENGTH) throw ValkeyException.error("string exceeds maximum allowed size (512 MB)");
        if (end > current && StringTruncate(k, end) != OK)
            throw new IllegalStateException("the server refused to grow the string at '" + key.name() + "'");
        long lengthOut = RawMemory.scratch(8);
        long data = StringDMA(k, lengthOut, READ | WRITE);
        if (data == 0 || RawMemory.getLong(lengthOut) < end)
            throw new IllegalStateException("the server gave no room to write the string at '" + key.name() + "'");
        RawMemory.write(data + offset, bytes, 0, bytes.length);
        return Math.max(current, end);
    }

    @Override
    public void truncate(long length) {
        if (length < 0) throw new IllegalArgumentException("a length cannot be negative: " + length);
        if (length > MAX_LENGTH) throw ValkeyException.error("string exceeds maximum allowed size (512 MB)");
        long k = key.typedForWrite(KEYTYPE_STRING);
        if (StringTruncate(k, length) != OK) throw new IllegalStateException("the server refused to truncate the string at '" + key.name() + "'");
    }
}
