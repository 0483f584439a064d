package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.CMD_KEY_ACCESS;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CMD_KEY_DELETE;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CMD_KEY_INSERT;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CMD_KEY_UPDATE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A use of a key that ACL key patterns allow or not, for
 * {@link ServerAccess#aclUserCanAccessKey}: reading needs a pattern that grants reads
 * ({@code ~pattern} or {@code %R~pattern}), the others one that grants writes ({@code ~pattern}
 * or {@code %W~pattern}).
 */
public enum KeyPermission {
    /** Reading the value: returning it or copying it. */
    ACCESS(CMD_KEY_ACCESS),
    /** Adding to the value without changing or removing what is there. */
    INSERT(CMD_KEY_INSERT),
    /** Removing data from the value, or the key. */
    DELETE(CMD_KEY_DELETE),
    /** Changing data the value has. */
    UPDATE(CMD_KEY_UPDATE);

    /** Every use: reading and all three kinds of writing. */
    public static final Set<KeyPermission> ALL = Collections.unmodifiableSet(EnumSet.allOf(KeyPermission.class));

    private final int bit;

    KeyPermission(long bit) {
        this.bit = (int) bit;
    }

    /** The server's VALKEYMODULE_CMD_KEY_* bit. */
    public int bit() {
        return bit;
    }

    /** The bits of {@code permissions}. */
    public static int bits(Set<KeyPermission> permissions) {
        int bits = 0;
        for (KeyPermission permission : permissions) bits |= permission.bit;
        return bits;
    }
}
