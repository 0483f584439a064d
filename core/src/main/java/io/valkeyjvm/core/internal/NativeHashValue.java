package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.HashSetFlag;
import io.valkeyjvm.core.HashValue;
import io.valkeyjvm.core.ServerVersion;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.RawMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A hash view of a {@link NativeKey}; HashSet and HashGet take up to 8 fields per call (variadic_trampolines.c). */
final class NativeHashValue implements HashValue {
    private static final int FIELDS_PER_CALL = 8;
    /** VALKEYMODULE_HASH_DELETE, a pointer value the server tests for. */
    private static final long HASH_DELETE = 1;

    private final NativeKey key;

    NativeHashValue(NativeKey key) {
        this.key = key;
        key.typed(KEYTYPE_HASH);
    }

    @Override
    public long size() {
        long k = key.typed(KEYTYPE_HASH);
        return k == 0 ? 0 : ValueLength(k);
    }

    @Override
    public @Nullable ValkeyString get(ValkeyString field) {
        return get(List.of(field)).get(0);
    }

    @Override
    public List<@Nullable ValkeyString> get(List<ValkeyString> fields) {
        long k = key.typed(KEYTYPE_HASH);
        List<@Nullable ValkeyString> values = new ArrayList<>(fields.size());
        if (k == 0) {
            for (int i = 0; i < fields.size(); i++) values.add(null);
            return values;
        }
        long ctx = key.owner().live();
        for (int from = 0; from < fields.size(); from += FIELDS_PER_CALL) {
            long[] out = query(k, ctx, fields.subList(from, Math.min(fields.size(), from + FIELDS_PER_CALL)), HASH_NONE);
            for (long value : out) values.add(value == 0 ? null : KeyStrings.take(ctx, value));
        }
        return values;
    }

    @Override
    public boolean contains(ValkeyString field) {
        long k = key.typed(KEYTYPE_HASH);
        if (k == 0) return false;
        // With HASH_EXISTS the server writes an int into the slot's low half (little-endian).
        return (int) query(k, key.owner().live(), List.of(field), HASH_EXISTS)[0] != 0;
    }

    /** One HashGet of at most 8 fields: what the server wrote into each field's out slot. */
    private static long[] query(long k, long ctx, List<ValkeyString> fields, int flags) {
        int n = fields.size();
        long fieldArray = RawMemory.scratch(16 * FIELDS_PER_CALL);
        long outArray = fieldArray + 8L * FIELDS_PER_CALL;
        long[] strings = new long[n];
        try {
            for (int i = 0; i < n; i++) {
                strings[i] = KeyStrings.create(ctx, fields.get(i));
                RawMemory.putLong(fieldArray + 8L * i, strings[i]);
            }
            if (HashGet(k, flags, fieldArray, outArray, n) != OK)
                throw new IllegalStateException("the server refused to read the hash");
            long[] out = new long[n];
            for (int i = 0; i < n; i++) out[i] = RawMemory.getLong(outArray + 8L * i);
            return out;
        } finally {
            for (long s : strings) if (s != 0) FreeString(ctx, s);
        }
    }

    @Override
    public boolean set(ValkeyString field, ValkeyString value) {
        return change(List.of(field), Arrays.asList(value), HASH_NONE) == 0;
    }

    @Override
    public boolean delete(ValkeyString field) {
        return change(List.of(field), Arrays.asList((ValkeyString) null), HASH_NONE) == 1;
    }

    @Override
    public long set(Map<ValkeyString, ? extends @Nullable ValkeyString> changes, Set<HashSetFlag> flags) {
        List<ValkeyString> fields = new ArrayList<>(changes.size());
        List<@Nullable ValkeyString> values = new ArrayList<>(changes.size());
        changes.forEach((field, value) -> {
            fields.add(field);
            values.add(value);
        });
        return set(fields, values, flags);
    }

    @Override
    public long set(List<ValkeyString> fields, List<? extends @Nullable ValkeyString> values, Set<HashSetFlag> flags) {
        if (fields.size() != values.size())
            throw new IllegalArgumentException(fields.size() + " fields with " + values.size() + " values");
        int bits = HASH_NONE;
        if (flags.contains(HashSetFlag.NX)) bits |= HASH_NX;
        if (flags.contains(HashSetFlag.XX)) bits |= HASH_XX;
        if (flags.contains(HashSetFlag.COUNT_ALL)) bits |= HASH_COUNT_ALL;
        return change(fields, values, bits);
    }

    private long change(List<ValkeyString> fields, List<? extends @Nullable ValkeyString> values, int flags) {
        long k = key.typedForWrite(KEYTYPE_HASH);
        long ctx = key.owner().live();
        long count = 0;
        for (int from = 0; from < fields.size(); from += FIELDS_PER_CALL) {
            int to = Math.min(fields.size(), from + FIELDS_PER_CALL);
            count += changeUpTo8(k, ctx, fields.subList(from, to), values.subList(from, to), flags);
        }
        return count;
    }

    private static int changeUpTo8(long k, long ctx, List<ValkeyString> fields, List<? extends @Nullable ValkeyString> values, int flags) {
        int n = fields.size();
        long fieldArray = RawMemory.scratch(16 * FIELDS_PER_CALL);
        long valueArray = fieldArray + 8L * FIELDS_PER_CALL;
        long[] strings = new long[2 * n];
        try {
            for (int i = 0; i < n; i++) {
                strings[2 * i] = KeyStrings.create(ctx, fields.get(i));
                ValkeyString value = values.get(i);
                if (value != null) strings[2 * i + 1] = KeyStrings.create(ctx, value);
                RawMemory.putLong(fieldArray + 8L * i, strings[2 * i]);
                RawMemory.putLong(valueArray + 8L * i, value == null ? HASH_DELETE : strings[2 * i + 1]);
            }
            // 0 is also what "nothing counted" returns (errno ENOENT); the type and mode are checked before.
            return HashSet(k, flags, fieldArray, valueArray, n);
        } finally {
            for (long s : strings) if (s != 0) FreeString(ctx, s);
        }
    }

    @Override
    public boolean setStringRef(ValkeyString field, byte[] value) {
        requireStringRefs();
        long k = key.typedForWrite(KEYTYPE_HASH);
        if (!contains(field)) return false;
        long buffer = Alloc(Math.max(1, value.length));
        RawMemory.write(buffer, value, 0, value.length);
        // The server keeps the buffer as the field's value; it can never tell the module when it lets go.
        if (key.owner().withServerString(field, (c, s) -> HashSetStringRef(k, s, buffer, value.length)) != OK) {
            Free(buffer);
            return false;
        }
        return true;
    }

    @Override
    public boolean hasStringRef(ValkeyString field) {
        requireStringRefs();
        long k = key.typed(KEYTYPE_HASH);
        // The server looks the field up without checking that it is there.
        if (k == 0 || KeyType(k) == KEYTYPE_EMPTY || !contains(field)) return false;
        return key.owner().withServerString(field, (c, s) -> HashHasStringRef(k, s)) == 1;
    }

    private static void requireStringRefs() {
        ServerVersion server = ServerVersion.ofEncoded(GetServerVersion());
        if (!server.atLeast(9, 1))
            throw new UnsupportedOperationException("hash fields stored by reference (HashSetStringRef) need Valkey 9.1 or later; this server is " + server);
    }
}
