package io.valkeyjvm.core;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An open key, from {@link ServerAccess#openKey} or {@link ServerAccess#openKeyForWrite}: its
 * type, its value (a string, or a module data type's), its time to live; typed views work with a
 * {@link #string() string}, {@link #list() list}, {@link #hash() hash}, {@link #sortedSet() sorted
 * set} or {@link #stream() stream} in place. Keys still open when the call that opened them returns
 * are closed then, and with them any range walked over them. A {@link ServerAccess#call} may
 * change or delete what an open key holds: the SDK closes the call's open keys at the server
 * before it runs the command, and each opens again, by name, at its next use, so it reads what
 * the command left (where the C API's key would point into the freed value).
 *
 * <pre>{@code
 * try (Key key = ctx.openKeyForWrite(args.get(1))) {
 *     HelloList list = key.update(HELLO_TYPE, HelloList::new, l -> l.insert(value));
 *     ctx.reply(list.size());
 * }
 * }</pre>
 */
public interface Key extends AutoCloseable {
    /** The key's name. */
    ValkeyString name();

    /** What the key holds. */
    KeyType type();

    /** True if the key does not exist. */
    default boolean isEmpty() {
        return type() == KeyType.EMPTY;
    }

    /**
     * The value of {@code type} stored at this key, or null if the key is empty.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    <V> @Nullable V value(DataType<V> type);

    /**
     * Stores {@code value} at this key (replacing what was there). Needs a key opened for write.
     */
    <V> void set(DataType<V> type, V value);

    /**
     * Changes the value in place: creates it with {@code create} if the key is empty, then runs
     * {@code change} on it; returns the value. Needs a key opened for write.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    <V> V update(DataType<V> type, Supplier<V> create, Consumer<V> change);

    /** Deletes the key; true if it existed. Needs a key opened for write. */
    boolean delete();

    /**
     * Deletes the key as UNLINK does, freeing a large value in the background; true if it existed.
     * Needs a key opened for write.
     */
    boolean unlink();

    /**
     * The key's string, read and written in place ({@link StringValue}).
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    StringValue string();

    /**
     * The key's list ({@link ListValue}); on an empty key, a list that writes create.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    ListValue list();

    /**
     * The key's hash ({@link HashValue}); on an empty key, a hash that writes create.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    HashValue hash();

    /**
     * The key's sorted set ({@link SortedSetValue}); on an empty key, a set that writes create.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    SortedSetValue sortedSet();

    /**
     * The key's stream ({@link StreamValue}); on an empty key, a stream that adding creates.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    StreamValue stream();

    /** What {@link #ttlMillis()} and {@link #expireAtMillis()} say of a key without a time to live. */
    long NO_EXPIRE = -1;

    /**
     * The key's string value (binary-safe, a copy), or null if the key is empty.
     *
     * @throws ValkeyException WRONGTYPE if the key holds anything else
     */
    @Nullable ValkeyString stringValue();

    /**
     * Stores the string {@code value} at this key, replacing what was there and its time to live
     * (the key is signalled as modified when it closes). Needs a key opened for write.
     */
    void setString(ValkeyString value);

    /**
     * The value's length (ValueLength): a string's bytes, the elements of a list, set, sorted set
     * or stream, a hash's fields; 0 for an empty key.
     */
    long length();

    /** Milliseconds the key has left to live, or {@link #NO_EXPIRE} if it has no time to live (or is empty). */
    long ttlMillis();

    /**
     * Gives the key {@code millis} milliseconds more to live, or takes its time to live away with
     * {@link #NO_EXPIRE} (PERSIST). Needs a key opened for write that exists.
     *
     * @throws IllegalStateException if the key is empty
     * @throws IllegalArgumentException if {@code millis} is negative (other than {@link #NO_EXPIRE}),
     *     or so large that now plus it would overflow a long (the key would expire at once)
     */
    void setTtlMillis(long millis);

    /** When the key expires, in Unix milliseconds, or {@link #NO_EXPIRE}. */
    long expireAtMillis();

    /**
     * Makes the key expire at {@code unixMillis} (a time past expires it soon after), or takes its
     * time to live away with {@link #NO_EXPIRE}. Needs a key opened for write that exists.
     *
     * @throws IllegalStateException if the key is empty
     */
    void setExpireAtMillis(long unixMillis);

    /**
     * How long the key has been idle, in milliseconds, as OBJECT IDLETIME says (GetLRU), or -1
     * while the server's maxmemory-policy is an LFU one (and keeps frequencies instead).
     *
     * @throws IllegalStateException if the key is empty
     */
    long lruIdleMillis();

    /**
     * Makes the key look idle for {@code millis} milliseconds to the LRU eviction (SetLRU); false,
     * and nothing changes, while the maxmemory-policy is an LFU one. Open the key with
     * {@link KeyOpenFlag#NO_TOUCH} so that opening it does not count as a use.
     *
     * @throws IllegalStateException if the key is empty
     */
    boolean setLruIdleMillis(long millis);

    /**
     * The key's access frequency counter, as OBJECT FREQ says (GetLFU), or -1 while the server's
     * maxmemory-policy is not an LFU one.
     *
     * @throws IllegalStateException if the key is empty
     */
    long lfuFrequency();

    /**
     * Sets the key's access frequency counter (SetLFU; the server keeps at most 255); false, and
     * nothing changes, while the maxmemory-policy is not an LFU one.
     *
     * @throws IllegalStateException if the key is empty
     */
    boolean setLfuFrequency(long frequency);

    /**
     * Visits every element of a hash (field and value), set (member, null) or sorted set (member
     * and score) in one call (ScanKey); nothing for an empty key. Read a big key this way rather
     * than through a copy of it.
     *
     * @throws ValkeyException WRONGTYPE if the key holds another type
     */
    default void scanElements(ScanKeyHandler action) {
        io.valkeyjvm.core.internal.Scans.allElements(this, action);
    }

    /**
     * One step of {@link #scanElements(ScanKeyHandler)} from where {@code cursor} is (a few
     * elements, maybe none); true while there are more. The key may change between steps.
     *
     * @throws ValkeyException WRONGTYPE if the key holds another type
     */
    default boolean scanElements(ScanCursor cursor, ScanKeyHandler action) {
        return io.valkeyjvm.core.internal.Scans.elements(this, cursor, action);
    }

    /** Closes the key. */
    @Override
    void close();
}
