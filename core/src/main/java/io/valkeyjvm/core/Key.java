package io.valkeyjvm.core;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An open key, from {@link CommandContext#openKey} or {@link CommandContext#openKeyForWrite}.
 * Keys still open when the command returns are closed then.
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

    /** Closes the key. */
    @Override
    void close();
}
