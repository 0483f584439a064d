package io.valkeyjvm.core;

/** What {@link SortedSetValue#add} did. */
public enum SortedSetAddResult {
    /** The member was new and was added. */
    ADDED,
    /** The member existed and its score changed. */
    UPDATED,
    /** The member existed with that score already. */
    UNCHANGED,
    /** Nothing was done: the flags ruled it out. */
    SKIPPED
}
