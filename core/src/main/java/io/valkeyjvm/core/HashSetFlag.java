package io.valkeyjvm.core;

/** How {@link HashValue#set(java.util.Map, java.util.Set)} treats each field. */
public enum HashSetFlag {
    /** Only fields that do not exist yet are set (or deleted: none are). */
    NX,
    /** Only fields that exist are set or deleted. */
    XX,
    /** The count returned includes the fields inserted, not only those updated or deleted. */
    COUNT_ALL
}
