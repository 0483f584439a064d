package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_EMPTY;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_MODULE;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_STRING;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.DataType;
import io.valkeyjvm.core.HashValue;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.KeyType;
import io.valkeyjvm.core.ListValue;
import io.valkeyjvm.core.SortedSetValue;
import io.valkeyjvm.core.StreamValue;
import io.valkeyjvm.core.StringValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A key opened through a context; closed by the end of the context's call at the latest. */
final class NativeKey implements Key {

    private final NativeModuleContext owner;
    private final ValkeyString name;
    private final int mode;
    private final boolean writable;
    /** The server's key, 0 when closed (or a read-only open of a missing key). */
    private long key;
    private boolean closed;
    /** Closed at the server around a call(), to be opened again by name at its next use. */
    private boolean suspended;
    /** The sorted set or stream range walking this key, which the server keeps in the key. */
    private @Nullable KeyRange range;
    /**
     * The value this writable key last handed out or set (its handle and native value; 0 for none), and the
     * count of recordings when it was marked dirty: the command may change it until the key closes.
     */
    private long handedHandle, handedValue, handedAtRecordings;

    NativeKey(NativeModuleContext owner, ValkeyString name, long key, int mode, boolean writable) {
        this.owner = owner;
        this.name = name;
        this.key = key;
        this.mode = mode;
        this.writable = writable;
    }

    private long open() {
        if (closed) throw new IllegalStateException("key '" + name + "' is closed");
        owner.checkLive();
        if (suspended) {
            suspended = false;
            key = owner.openServerKey(name, mode);
        }
        return key;
    }

    /**
     * Closes the key at the server before a call() runs: the command may delete or replace the
     * value, which the server's open key (and a list iterator it caches) would still point into.
     * The next use opens it again by name and sees the call's effects.
     */
    void suspend() {
        if (closed || suspended) return;
        if (range != null) range.end();
        if (key != 0) CloseKey(key);
        key = 0;
        suspended = true;
    }

    private long writableKey() {
        if (!writable) throw new IllegalStateException("key '" + name + "' was opened for reading; use openKeyForWrite");
        long k = open();
        // A range holds pointers into a value, which a write may move or free: this key's, or another's of the same name.
        owner.endKeyRanges();
        return k;
    }

    @Override
    public ValkeyString name() {
        return name;
    }

    @Override
    public KeyType type() {
        long k = open();
        return k == 0 ? KeyType.EMPTY : KeyType.of(KeyType(k));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> @Nullable V value(DataType<V> type) {
        RegisteredType registered = DataTypeHost.registered(type);
        long k = open();
        if (k == 0) return null;
        int keyType = KeyType(k);
        if (keyType == KEYTYPE_EMPTY) return null;
        if (keyType != KEYTYPE_MODULE || ModuleTypeGetType(k) != registered.serverType()) throw ValkeyException.wrongType();
        long nativeValue = ModuleTypeGetValue(k);
        long handle = NativeAccess.valueHandle(nativeValue);
        // A value reached through a writable key may be changed: record its save again before the next fork.
        if (writable) {
            NativeAccess.markDirty(nativeValue);
            DirtyRecording.changed();
            handedOut(handle, nativeValue);
        }
        return (V) DataTypeHost.valueAt(handle);
    }

    @Override
    public <V> void set(DataType<V> type, V value) {
        RegisteredType registered = DataTypeHost.registered(type);
        long k = writableKey();
        long nativeValue = DataTypeHost.newNativeValue(registered, value);
        if (ModuleTypeSetValue(k, registered.serverType(), nativeValue) != OK)
            throw new IllegalStateException("the server refused to store a value at key '" + name + "'");
        DirtyRecording.changed();
        handedOut(NativeAccess.valueHandle(nativeValue), nativeValue);
    }

    /** Remembers a value made dirty through this key, for {@link #close}. */
    private void handedOut(long handle, long nativeValue) {
        handedHandle = handle;
        handedValue = nativeValue;
        handedAtRecordings = DataTypeHost.recordings();
    }

    @Override
    public <V> V update(DataType<V> type, Supplier<V> create, Consumer<V> change) {
        writableKey();
        V value = value(type);
        if (value != null) {
            change.accept(value);
            return value;
        }
        V created = create.get();
        change.accept(created);
        set(type, created);
        return created;
    }

    @Override
    public boolean delete() {
        long k = writableKey();
        if (KeyType(k) == KEYTYPE_EMPTY) return false;
        return DeleteKey(k) == OK;
    }

    @Override
    public boolean unlink() {
        long k = writableKey();
        if (KeyType(k) == KEYTYPE_EMPTY) return false;
        return UnlinkKey(k) == OK;
    }

    @Override
    public StringValue string() {
        return new NativeStringValue(this);
    }

    @Override
    public ListValue list() {
        return new NativeListValue(this);
    }

    @Override
    public HashValue hash() {
        return new NativeHashValue(this);
    }

    @Override
    public SortedSetValue sortedSet() {
        return new NativeSortedSetValue(this);
    }

    @Override
    public StreamValue stream() {
        return new NativeStreamValue(this);
    }

    boolean isWritable() {
        return writable;
    }

    NativeModuleContext owner() {
        return owner;
    }

    /**
     * The server's key, for an operation on a value of {@code serverType} (a KEYTYPE_ constant): 0
     * for a read-only open of a missing key.
     *
     * @throws ValkeyException WRONGTYPE if the key holds another type
     */
    long typed(int serverType) {
        long k = open();
        if (k != 0) {
            int actual = KeyType(k);
            if (actual != KEYTYPE_EMPTY && actual != serverType) throw ValkeyException.wrongType();
        }
        return k;
    }

    /** As {@link #typed}, for a write. */
    long typedForWrite(int serverType) {
        writableKey();
        return typed(serverType);
    }

    /** Makes {@code next} the key's range, ending the one before. */
    void startRange(KeyRange next) {
        if (range != null) range.end();
        range = next;
    }

    void endRange() {
        if (range != null) range.end();
    }

    /** Forgets {@code ended} if it is still the key's range. */
    void rangeEnded(KeyRange ended) {
        if (range == ended) range = null;
    }

    @Override
    public @Nullable ValkeyString stringValue() {
        long k = open();
        if (k == 0) return null;
        int keyType = KeyType(k);
        if (keyType == KEYTYPE_EMPTY) return null;
        byte[] bytes = keyType == KEYTYPE_STRING ? NativeAccess.keyStringBytes(k) : null;
        if (bytes == null) throw ValkeyException.wrongType();
        return Strings.owning(bytes);
    }

    @Override
    public void setString(ValkeyString value) {
        long k = writableKey();
        if (owner.withServerString(value, (c, string) -> StringSet(k, string)) != OK)
            throw new IllegalStateException("the server refused to store a string at key '" + name + "'");
    }

    @Override
    public long length() {
        long k = open();
        return k == 0 ? 0 : ValueLength(k);
    }

    private long existingKey() {
        long k = open();
        if (k == 0 || KeyType(k) == KEYTYPE_EMPTY) throw new IllegalStateException("key '" + name + "' is empty");
        return k;
    }

    @Override
    public long lruIdleMillis() {
        long k = existingKey();
        long out = io.valkeyjvm.raw.RawMemory.scratch(8);
        return GetLRU(k, out) == OK ? io.valkeyjvm.raw.RawMemory.getLong(out) : -1;
    }

    @Override
    public boolean setLruIdleMillis(long millis) {
        return SetLRU(existingKey(), millis) == OK;
    }

    @Override
    public long lfuFrequency() {
        long k = existingKey();
        long out = io.valkeyjvm.raw.RawMemory.scratch(8);
        return GetLFU(k, out) == OK ? io.valkeyjvm.raw.RawMemory.getLong(out) : -1;
    }

    @Override
    public boolean setLfuFrequency(long frequency) {
        return SetLFU(existingKey(), frequency) == OK;
    }

    @Override
    public long ttlMillis() {
        long k = open();
        return k == 0 ? NO_EXPIRE : GetExpire(k);
    }

    @Override
    public void setTtlMillis(long millis) {
        if (millis < 0 && millis != NO_EXPIRE) throw new IllegalArgumentException("a time to live cannot be negative: " + millis);
        // SetExpire adds the time to live to the server's clock: a sum past a long would wrap and expire the key at once.
        if (millis > Long.MAX_VALUE - System.currentTimeMillis())
            throw new IllegalArgumentException("a time to live of " + millis + " ms ends past the last time the server can keep");
        if (SetExpire(existingWritableKey(), millis) != OK)
            throw new IllegalStateException("the server refused the time to live of key '" + name + "'");
    }

    @Override
    public long expireAtMillis() {
        long k = open();
        return k == 0 ? NO_EXPIRE : GetAbsExpire(k);
    }

    @Override
    public void setExpireAtMillis(long unixMillis) {
        if (unixMillis < 0 && unixMillis != NO_EXPIRE) throw new IllegalArgumentException("an expire time cannot be negative: " + unixMillis);
        if (SetAbsExpire(existingWritableKey(), unixMillis) != OK)
            throw new IllegalStateException("the server refused the expire time of key '" + name + "'");
    }

    private long existingWritableKey() {
        long k = writableKey();
        if (KeyType(k) == KEYTYPE_EMPTY) throw new IllegalStateException("key '" + name + "' is empty: only an existing key can expire");
        return k;
    }

    /** The server's key for ScanKey: 0 for a read-only open of a missing key. */
    long scanPointer() {
        return open();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (range != null) range.end();
        if (key != 0 && !suspended) CloseKey(key);
        key = 0;
        // A value handed out is changed until now; a save recorded within the command (a call()) saw it before.
        if (handedValue != 0) DataTypeHost.markAgainIfRecorded(handedHandle, handedValue, handedAtRecordings);
    }
}
