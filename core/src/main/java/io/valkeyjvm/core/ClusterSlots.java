package io.valkeyjvm.core;

import io.valkeyjvm.raw.NativeAccess;
import io.valkeyjvm.raw.ValkeyModuleApi;

/**
 * Valkey cluster hash slots: which of the 16384 slots a key belongs to (its hash tag, if it has
 * one, decides), as CLUSTER KEYSLOT says, whether or not the server runs in cluster mode.
 *
 * <pre>{@code
 * int slot = ClusterSlots.slotOf(key);
 * ValkeyString sameSlot = ValkeyString.of("user:{" + ClusterSlots.canonicalTag(slot) + "}:name");
 * }</pre>
 */
public final class ClusterSlots {
    /** How many slots there are. */
    public static final int COUNT = 16384;

    private ClusterSlots() {}

    /** The slot of {@code key} (ClusterKeySlot); any thread. */
    public static int slotOf(ValkeyString key) {
        byte[] bytes = key.toByteArray();
        long string = ValkeyModuleApi.CreateString(0, bytes, bytes.length);
        try {
            return ValkeyModuleApi.ClusterKeySlot(string);
        } finally {
            ValkeyModuleApi.FreeString(0, string);
        }
    }

    /**
     * A short text whose slot is {@code slot} (ClusterCanonicalKeyNameInSlot): put in braces in a
     * key name, as a hash tag, it places the key in that slot.
     *
     * @throws IllegalArgumentException if {@code slot} is not in 0..16383
     */
    public static String canonicalTag(int slot) {
        if (slot < 0 || slot >= COUNT) throw new IllegalArgumentException("no cluster slot " + slot + " (0.." + (COUNT - 1) + ")");
        return new String(NativeAccess.cStringBytes(ValkeyModuleApi.ClusterCanonicalKeyNameInSlot(slot)), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
