package io.valkeyjvm.core;

/** When module-wide (aux) data is saved and loaded relative to the keyspace in an RDB file. */
public enum AuxWhen {
    /** Before the keys. */
    BEFORE_KEYSPACE(1),
    /** After the keys. */
    AFTER_KEYSPACE(2);

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
