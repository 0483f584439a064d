package io.valkeyjvm.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stream at an open key ({@link Key#stream()}): add entries (with an ID of the server's
 * choosing or the caller's), delete them, walk a range of IDs in either direction, trim. Writes
 * need a key opened for write; adding to an empty key creates the stream. Like XADD without
 * trimming, and without the keyspace notification: the module sends its own if it wants one.
 *
 * <pre>{@code
 * StreamValue events = ctx.openKeyForWrite(name).stream();
 * StreamId id = events.add(List.of(ValkeyString.of("temp"), reading));
 * try (StreamRange last = events.range(null, null, true)) {
 *     if (last.hasNext()) ctx.reply(last.next().id().toValkeyString());
 * }
 * }</pre>
 *
 * <p>Every method throws {@link ValkeyException} WRONGTYPE if the key holds something else.
 */
public interface StreamValue {
    /** The number of entries; 0 for an empty key. */
    long size();

    /**
     * Adds an entry with the next ID (as {@code XADD key *}) and returns that ID;
     * {@code fieldsAndValues} alternates field names and values.
     *
     * @throws ValkeyException ERR if {@code fieldsAndValues} has an odd length, or the stream has
     *     reached the last possible ID
     */
    StreamId add(List<ValkeyString> fieldsAndValues);

    /**
     * Adds an entry with ID {@code id}, which must be greater than every ID in the stream.
     *
     * @throws ValkeyException ERR if the ID is 0-0 or not greater than the stream's last ID, or
     *     {@code fieldsAndValues} has an odd length
     */
    void add(StreamId id, List<ValkeyString> fieldsAndValues);

    /** Deletes the entry {@code id}; true if it was there. */
    boolean delete(StreamId id);

    /**
     * The entries from {@code start} to {@code end} (null: the stream's first, last), both
     * included unless {@code exclusive}, first to last, or last to first if {@code reverse}.
     */
    StreamRange range(@Nullable StreamId start, @Nullable StreamId end, boolean exclusive, boolean reverse);

    /** The entries from {@code start} to {@code end}, both included (null: the ends). */
    default StreamRange range(@Nullable StreamId start, @Nullable StreamId end, boolean reverse) {
        return range(start, end, false, reverse);
    }

    /**
     * Deletes the oldest entries until at most {@code maxLength} remain (with {@code approximate},
     * only whole nodes, so maybe a few more remain, as {@code XTRIM MAXLEN ~}); returns how many it
     * deleted.
     */
    long trimByLength(long maxLength, boolean approximate);

    /**
     * Deletes the entries with IDs below {@code minId} ({@code approximate}: as
     * {@link #trimByLength}); returns how many it deleted.
     */
    long trimById(StreamId minId, boolean approximate);
}
