package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import java.util.Set;

/**
 * How {@link ServerAccess#openKey(ValkeyString, Set)} reaches a key: the server's OpenKey flags,
 * for reads that must not look like a client's (monitoring, a notification handler reading
 * the key it was told about).
 */
public enum KeyOpenFlag {
    /** The key's last access time (LRU/LFU) is not updated. */
    NO_TOUCH(OPEN_KEY_NOTOUCH),
    /** A missing key fires no key-miss notification. */
    NO_NOTIFY(OPEN_KEY_NONOTIFY),
    /** Keyspace hits and misses are not counted. */
    NO_STATS(OPEN_KEY_NOSTATS),
    /** A logically expired key is not deleted (and reads as missing). */
    NO_EXPIRE(OPEN_KEY_NOEXPIRE),
    /** No side effect at all from opening the key: all of the above. */
    NO_EFFECTS(OPEN_KEY_NOEFFECTS);

    private final int bit;

    KeyOpenFlag(int bit) {
        this.bit = bit;
    }

    /** The server's OpenKey bit. */
    public int bit() {
        return bit;
    }

    /** The bits of {@code flags}. */
    public static int bits(Set<KeyOpenFlag> flags) {
        int bits = 0;
        for (KeyOpenFlag flag : flags) bits |= flag.bit;
        return bits;
    }
}
