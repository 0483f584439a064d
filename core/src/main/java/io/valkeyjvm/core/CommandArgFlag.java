package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

/** How a {@link CommandArg} may appear, as COMMAND DOCS shows it. */
public enum CommandArgFlag {
    /** The argument may be left out. */
    OPTIONAL(CMD_ARG_OPTIONAL),
    /** The argument may repeat. */
    MULTIPLE(CMD_ARG_MULTIPLE),
    /** The argument may repeat, and its token with it. */
    MULTIPLE_TOKEN(CMD_ARG_MULTIPLE_TOKEN);

    private final int bit;

    CommandArgFlag(long bit) {
        this.bit = (int) bit;
    }

    /** The server's VALKEYMODULE_CMD_ARG_* bit. */
    public int bit() {
        return bit;
    }
}
