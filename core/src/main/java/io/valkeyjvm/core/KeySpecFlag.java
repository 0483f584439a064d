package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a command uses the keys a {@link KeySpec} finds, as COMMAND INFO shows it and ACL rules
 * check it: a user with {@code %R~pattern} may run a command whose key spec says {@link #RO},
 * not one that says {@link #RW}. A key spec has exactly one of {@link #RO}, {@link #RW},
 * {@link #OW}, {@link #RM}, and at most one of {@link #INSERT}, {@link #DELETE}, {@link #UPDATE}.
 */
public enum KeySpecFlag {
    /** Read-only: reads the value, does not change it. */
    RO(CMD_KEY_RO),
    /** Read-write: reads and changes the value. */
    RW(CMD_KEY_RW),
    /** Overwrite: writes the value without reading it. */
    OW(CMD_KEY_OW),
    /** Removes the key. */
    RM(CMD_KEY_RM),
    /** Returns or copies user data of the value. */
    ACCESS(CMD_KEY_ACCESS),
    /** Changes data the value has. */
    UPDATE(CMD_KEY_UPDATE),
    /** Only adds data to the value. */
    INSERT(CMD_KEY_INSERT),
    /** Only removes data from the value. */
    DELETE(CMD_KEY_DELETE),
    /** Not a key, though it hashes to a slot as a key would (cluster routing). */
    NOT_KEY(CMD_KEY_NOT_KEY),
    /** The spec may miss keys: the command's keys depend on its arguments in ways it cannot say. */
    INCOMPLETE(CMD_KEY_INCOMPLETE),
    /** Some keys may have other flags than these, depending on the arguments. */
    VARIABLE_FLAGS(CMD_KEY_VARIABLE_FLAGS);

    private final long bit;

    KeySpecFlag(long bit) {
        this.bit = bit;
    }

    /** The server's VALKEYMODULE_CMD_KEY_* bit. */
    public long bit() {
        return bit;
    }

    /** The bits of {@code flags}. */
    public static long bits(Collection<KeySpecFlag> flags) {
        long bits = 0;
        for (KeySpecFlag flag : flags) bits |= flag.bit;
        return bits;
    }

    /** The flags whose bits {@code bits} has (others are ignored). */
    public static Set<KeySpecFlag> of(long bits) {
        Set<KeySpecFlag> flags = EnumSet.noneOf(KeySpecFlag.class);
        for (KeySpecFlag flag : values()) if ((bits & flag.bit) != 0) flags.add(flag);
        return flags;
    }
}
