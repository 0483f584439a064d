package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

/** The type of a {@link CommandArg}, as COMMAND DOCS shows it. */
public enum CommandArgType {
    /** A string. */
    STRING(ARG_TYPE_STRING),
    /** An integer. */
    INTEGER(ARG_TYPE_INTEGER),
    /** A floating-point number. */
    DOUBLE(ARG_TYPE_DOUBLE),
    /** A key name; the argument names the {@link KeySpec} that finds it. */
    KEY(ARG_TYPE_KEY),
    /** A glob-style pattern. */
    PATTERN(ARG_TYPE_PATTERN),
    /** A Unix time. */
    UNIX_TIME(ARG_TYPE_UNIX_TIME),
    /** A token alone, such as {@code NX}. */
    PURE_TOKEN(ARG_TYPE_PURE_TOKEN),
    /** Exactly one of its sub-arguments. */
    ONEOF(ARG_TYPE_ONEOF),
    /** Its sub-arguments, together. */
    BLOCK(ARG_TYPE_BLOCK);

    private final int code;

    CommandArgType(long code) {
        this.code = (int) code;
    }

    /** The server's VALKEYMODULE_ARG_TYPE_* number. */
    public int code() {
        return code;
    }
}
