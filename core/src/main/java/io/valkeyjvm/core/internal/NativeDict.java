package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.CreateDict;
import static io.valkeyjvm.raw.ValkeyModuleApi.DictIteratorStop;
import static io.valkeyjvm.raw.ValkeyModuleApi.DictSize;
import static io.valkeyjvm.raw.ValkeyModuleApi.MallocSizeDict;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import org.jspecify.annotations.Nullable;

/**
 * A server dictionary (CreateDict) whose values are server strings, for ServerDictionary: made at
 * its first write, so a dictionary can be declared before the module is loaded. Callers
 * synchronize; the server's dictionary is not thread-safe, and nothing else touches it.
 */
@InternalValkeyJvmApi
public final class NativeDict {
    private NativeResources.@Nullable Handle handle;
    private final Object owner;

    /** A dictionary that {@code owner} (a ServerDictionary) owns. */
    public NativeDict(Object owner) {
        this.owner = owner;
    }

    private long existing() {
        return handle == null ? 0 : handle.pointer();
    }

    private long created() {
        long d = existing();
        if (d == 0) {
            d = CreateDict(0);
            if (d == 0) throw new OutOfMemoryError("the server could not allocate a dictionary");
            handle = NativeResources.track(owner, d, NativeAccess::dictFree);
        }
        return d;
    }

    public @Nullable ValkeyString get(ValkeyString key) {
        long d = existing();
        if (d == 0) return null;
        byte[] value = NativeAccess.dictGet(d, key.toByteArray());
        return value == null ? null : Strings.owning(value);
    }

    /** True if the key was new. */
    public boolean set(ValkeyString key, ValkeyString value, boolean replace) {
        return NativeAccess.dictSet(created(), key.toByteArray(), value.toByteArray(), replace) == 1;
    }

    public boolean delete(ValkeyString key) {
        long d = existing();
        return d != 0 && NativeAccess.dictDel(d, key.toByteArray());
    }

    public long size() {
        long d = existing();
        return d == 0 ? 0 : DictSize(d);
    }

    /** MallocSizeDict: the server memory of the dictionary's structure (its keys included, not the values). */
    public long memoryUsage() {
        long d = existing();
        return d == 0 ? 0 : MallocSizeDict(d);
    }

    /** Frees the dictionary and its values; the next write makes a new one. */
    public void free() {
        if (handle != null) handle.release();
        handle = null;
    }

    /** A native iterator at {@code op key}, tracked for {@code iteratorOwner}; null if the dictionary has never been written. */
    public NativeResources.@Nullable Handle iterator(Object iteratorOwner, String op, ValkeyString key) {
        long d = existing();
        if (d == 0) return null;
        long iter = NativeAccess.dictIteratorStart(d, op, key.toByteArray());
        if (iter == 0) throw new IllegalArgumentException("the server refused the dictionary operator '" + op + "'");
        return NativeResources.track(iteratorOwner, iter, pointer -> DictIteratorStop(pointer));
    }

    /** {key, value} of the next (or previous) entry, or null at the end. */
    public static byte @Nullable [][] step(long iterator, boolean previous) {
        return NativeAccess.dictIteratorNext(iterator, previous);
    }

    public static void reseek(long iterator, String op, ValkeyString key) {
        if (!NativeAccess.dictIteratorReseek(iterator, op, key.toByteArray()))
            throw new IllegalArgumentException("the server refused the dictionary operator '" + op + "'");
    }

    /** A string made of bytes that no one else holds. */
    public static ValkeyString string(byte[] bytes) {
        return Strings.owning(bytes);
    }
}
