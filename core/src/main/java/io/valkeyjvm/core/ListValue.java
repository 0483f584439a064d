package io.valkeyjvm.core;

import org.jspecify.annotations.Nullable;

/**
 * The list at an open key ({@link Key#list()}): push and pop at both ends, read, replace, insert
 * and delete by index. Indexes count from 0 at the head, or from -1 at the tail. Writes need a key
 * opened for write; on an empty key they create the list, and the key goes away when its last
 * element does. Iterating walks head to tail.
 *
 * <pre>{@code
 * ListValue list = ctx.openKeyForWrite(name).list();
 * list.pushLast(value);
 * ValkeyString head = list.get(0);
 * }</pre>
 *
 * <p>Every method throws {@link ValkeyException} WRONGTYPE if the key holds something else.
 */
public interface ListValue extends Iterable<ValkeyString> {
    /** The number of elements; 0 for an empty key. */
    long size();

    /** Adds {@code value} at the head. */
    void pushFirst(ValkeyString value);

    /** Adds {@code value} at the tail. */
    void pushLast(ValkeyString value);

    /** Removes and returns the head element, or null if the list is empty. */
    @Nullable ValkeyString popFirst();

    /** Removes and returns the tail element, or null if the list is empty. */
    @Nullable ValkeyString popLast();

    /**
     * The element at {@code index}.
     *
     * @throws ValkeyException {@code ERR index out of bounds} if there is no element there
     */
    ValkeyString get(long index);

    /**
     * Replaces the element at {@code index} with {@code value}.
     *
     * @throws ValkeyException {@code ERR index out of bounds} if there is no element there
     */
    void set(long index, ValkeyString value);

    /**
     * Inserts {@code value} before the element at {@code index} when it counts from the head
     * (0 inserts at the head, {@link #size()} appends), after it when it counts from the tail (-1
     * appends, {@code -size() - 1} inserts at the head), as the server's ListInsert does.
     *
     * @throws ValkeyException {@code ERR index out of bounds} if the index is past those bounds
     */
    void insert(long index, ValkeyString value);

    /**
     * Removes the element at {@code index}.
     *
     * @throws ValkeyException {@code ERR index out of bounds} if there is no element there
     */
    void delete(long index);
}
