package io.valkeyjvm.core;

import io.valkeyjvm.raw.ValkeyModuleConstants;

/** How a module config may be set and shown (the server's VALKEYMODULE_CONFIG_* flags). */
public enum ConfigFlag {
    /** Set only at load time (config file, module arguments, MODULE LOADEX); CONFIG SET refuses it. */
    IMMUTABLE(ValkeyModuleConstants.CONFIG_IMMUTABLE),
    /** Its value is redacted from the server's logs. */
    SENSITIVE(ValkeyModuleConstants.CONFIG_SENSITIVE),
    /** Not listed by CONFIG GET with a pattern; CONFIG GET of its exact name still shows it. */
    HIDDEN(ValkeyModuleConstants.CONFIG_HIDDEN),
    /** Immutable at run time unless the server's enable-protected-configs allows it. */
    PROTECTED(ValkeyModuleConstants.CONFIG_PROTECTED),
    /** CONFIG SET refuses it while the server loads data. */
    DENY_LOADING(ValkeyModuleConstants.CONFIG_DENY_LOADING);

    private final long serverValue;

    ConfigFlag(long serverValue) {
        this.serverValue = serverValue;
    }

    /** The server's flag bit. */
    public long serverValue() {
        return serverValue;
    }
}
