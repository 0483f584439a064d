package io.valkeyjvm.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hash at an open key ({@link Key#hash()}): read fields, set and delete several at once. Writes
 * need a key opened for write; on an empty key they create the hash, and the key goes away when
 * its last field does.
 *
 * <pre>{@code
 * HashValue hash = ctx.openKeyForWrite(name).hash();
 * hash.set(field, value);
 * long updated = hash.set(Map.of(a, x, b, y), Set.of(HashSetFlag.XX));
 * }</pre>
 *
 * <p>Every method throws {@link ValkeyException} WRONGTYPE if the key holds something else.
 */
public interface HashValue {
    /** The number of fields; 0 for an empty key. */
    long size();

    /** The value of {@code field}, or null if the hash has no such field. */
    @Nullable ValkeyString get(ValkeyString field);

    /** The values of {@code fields}, in their order, null for those the hash lacks. */
    List<@Nullable ValkeyString> get(List<ValkeyString> fields);

    /** True if the hash has {@code field}. */
    boolean contains(ValkeyString field);

    /** Sets {@code field} to {@code value}; true if the field is new. */
    boolean set(ValkeyString field, ValkeyString value);

    /** Deletes {@code field}; true if it existed. */
    boolean delete(ValkeyString field);

    /**
     * Sets each field of {@code changes} to its value, or deletes it where the value is null, as
     * {@code flags} allow, in the map's order. Returns how many fields that existed were updated
     * or deleted (with {@link HashSetFlag#COUNT_ALL}, also those inserted): the server's HashSet.
     * More than 8 fields are set in groups of 8.
     */
    long set(Map<ValkeyString, ? extends @Nullable ValkeyString> changes, Set<HashSetFlag> flags);

    /**
     * As {@link #set(Map, Set)}, with {@code fields.get(i)} set to {@code values.get(i)} in list
     * order (a field may repeat: each occurrence counts, as in the server's HashSet).
     *
     * @throws IllegalArgumentException if the lists differ in size
     */
    long set(List<ValkeyString> fields, List<? extends @Nullable ValkeyString> values, Set<HashSetFlag> flags);

    /**
     * Makes the existing {@code field} hold a copy of {@code value} that the server stores by
     * reference, not in its own memory (Valkey 9.1, HashSetStringRef): the copy is memory the
     * module allocates from the server and keeps for the server's lifetime, also after the field
     * changes. For large values read far more often than written. Returns false, allocating
     * nothing, if the hash has no such field.
     *
     * @throws UnsupportedOperationException on a server older than Valkey 9.1
     */
    boolean setStringRef(ValkeyString field, byte[] value);

    /**
     * True if the value of {@code field} is a reference stored with {@link #setStringRef} (Valkey
     * 9.1, HashHasStringRef); false if the key is empty or the field is missing or a copy.
     *
     * @throws UnsupportedOperationException on a server older than Valkey 9.1
     */
    boolean hasStringRef(ValkeyString field);
}
