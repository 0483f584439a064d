package io.valkeyjvm.core;

import io.valkeyjvm.raw.ValkeyModuleConstants;

/** When module-wide (aux) data is saved and loaded relative to the keyspace in an RDB file. */
public enum AuxWhen {
    /** Before the keys. */
    BEFORE_KEYSPACE(ValkeyModuleConstants.AUX_BEFORE_RDB),
    /** After the keys. */
    AFTER_KEYSPACE(ValkeyModuleConstants.AUX_AFTER_RDB);

    private final int serverValue;

    AuxWhen(int serverValue) {
        this.serverValue = serverValue;
    }

    /** The server's VALKEYMODULE_AUX_* value. */
    public int serverValue() {
        return serverValue;
    }

    /** The constant for the server's value. */
    public static AuxWhen of(int serverValue) {
        return serverValue == 1 ? BEFORE_KEYSPACE : AFTER_KEYSPACE;
    }
}
