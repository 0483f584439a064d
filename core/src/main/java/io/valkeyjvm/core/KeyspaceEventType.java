package io.valkeyjvm.core;

import io.valkeyjvm.raw.ValkeyModuleConstants;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A class of keyspace notifications (the server's notify-keyspace-events letters). */
public enum KeyspaceEventType {
    /** g: DEL, EXPIRE, RENAME and other type-independent commands. */
    GENERIC(ValkeyModuleConstants.NOTIFY_GENERIC),
    /** $: string commands. */
    STRING(ValkeyModuleConstants.NOTIFY_STRING),
    /** l: list commands. */
    LIST(ValkeyModuleConstants.NOTIFY_LIST),
    /** s: set commands. */
    SET(ValkeyModuleConstants.NOTIFY_SET),
    /** h: hash commands. */
    HASH(ValkeyModuleConstants.NOTIFY_HASH),
    /** z: sorted set commands. */
    ZSET(ValkeyModuleConstants.NOTIFY_ZSET),
    /** x: a key expired. */
    EXPIRED(ValkeyModuleConstants.NOTIFY_EXPIRED),
    /** e: a key was evicted. */
    EVICTED(ValkeyModuleConstants.NOTIFY_EVICTED),
    /** t: stream commands. */
    STREAM(ValkeyModuleConstants.NOTIFY_STREAM),
    /**
     * m: a key was looked up and missed. It fires inside read commands: a handler that writes there
     * makes the read replicate, so write from {@link KeyspaceEventContext#afterNotifications}.
     */
    KEY_MISS(ValkeyModuleConstants.NOTIFY_KEY_MISS),
    /** A key was loaded from an RDB (at startup, DEBUG RELOAD, a full sync); event "loaded", modules only. */
    LOADED(ValkeyModuleConstants.NOTIFY_LOADED),
    /** d: events that modules emit. */
    MODULE(ValkeyModuleConstants.NOTIFY_MODULE),
    /** n: a key was created (event "new"); not part of "A". */
    NEW(ValkeyModuleConstants.NOTIFY_NEW);

    private final int bit;

    KeyspaceEventType(int bit) {
        this.bit = bit;
    }

    /** The server's bit for this class. */
    public int bit() {
        return bit;
    }

    /** Every class the server's "A" stands for: all but KEY_MISS, LOADED and NEW. */
    public static Set<KeyspaceEventType> all() {
        return EnumSet.of(GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE);
    }

    /** The classes set in the server's bit set {@code bits} (its K and E bits, which are not classes, left out). */
    public static Set<KeyspaceEventType> of(int bits) {
        EnumSet<KeyspaceEventType> types = EnumSet.noneOf(KeyspaceEventType.class);
        for (KeyspaceEventType type : values()) if ((bits & type.bit) != 0) types.add(type);
        return types;
    }

    /** The class with bit {@code bit}, or null. */
    public static @Nullable KeyspaceEventType ofBit(int bit) {
        for (KeyspaceEventType type : values()) if (type.bit == bit) return type;
        return null;
    }
}
