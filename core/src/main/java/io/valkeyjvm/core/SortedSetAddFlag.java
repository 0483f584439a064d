package io.valkeyjvm.core;

/** The conditions of {@link SortedSetValue#add(double, ValkeyString, java.util.Set)}, as ZADD's options. */
public enum SortedSetAddFlag {
    /** Only update a member that exists. */
    XX,
    /** Only add a member that does not exist. */
    NX,
    /** Only update the score if the new one is greater. */
    GT,
    /** Only update the score if the new one is less. */
    LT
}
