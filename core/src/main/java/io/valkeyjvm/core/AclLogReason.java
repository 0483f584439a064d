package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import org.jspecify.annotations.Nullable;

/** Why an ACL check failed, as ACL LOG's {@code reason} says it. */
public enum AclLogReason {
    /** Authentication failed ({@code auth}). */
    AUTH(ACL_LOG_AUTH),
    /** The user may not run the command ({@code command}). */
    COMMAND(ACL_LOG_CMD),
    /** The user may not access a key ({@code key}). */
    KEY(ACL_LOG_KEY),
    /** The user may not access a channel ({@code channel}). */
    CHANNEL(ACL_LOG_CHANNEL),
    /** The user may not use the database ({@code database}; Valkey 9.1). */
    DATABASE(ACL_LOG_DB);

    private final int code;

    AclLogReason(long code) {
        this.code = (int) code;
    }

    /** The server's VALKEYMODULE_ACL_LOG_* number. */
    public int code() {
        return code;
    }

    /** The reason with the server's number {@code code}, or null for a number this SDK does not know. */
    public static @Nullable AclLogReason of(int code) {
        for (AclLogReason reason : values()) if (reason.code == code) return reason;
        return null;
    }
}
