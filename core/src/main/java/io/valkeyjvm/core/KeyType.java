package io.valkeyjvm.core;

/** What a key holds. */
public enum KeyType {
    /** Nothing: the key does not exist. */
    EMPTY,
    /** A string. */
    STRING,
    /** A list. */
    LIST,
    /** A hash. */
    HASH,
    /** A set. */
    SET,
    /** A sorted set. */
    ZSET,
    /** A module data type's value. */
    MODULE,
    /** A stream. */
    STREAM;

    /** The constant for the server's VALKEYMODULE_KEYTYPE_* value. */
    public static KeyType of(int serverValue) {
        KeyType[] all = values();
        return serverValue >= 0 && serverValue < all.length ? all[serverValue] : EMPTY;
    }
}
