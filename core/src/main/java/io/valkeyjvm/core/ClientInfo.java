package io.valkeyjvm.core;

import io.valkeyjvm.raw.ValkeyModuleConstants;

/**
 * A client as the server describes it to modules (ValkeyModuleClientInfo).
 *
 * @param id      the client id (CLIENT ID)
 * @param address its IP address, or empty for a unix socket
 * @param port    its TCP port
 * @param db      the database it has selected
 * @param flags   the VALKEYMODULE_CLIENTINFO_FLAG_* bits; see the accessors
 */
public record ClientInfo(long id, String address, int port, int db, long flags) {
    /** True for a TLS connection. */
    public boolean isTls() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_SSL) != 0;
    }

    /** True for a unix socket connection. */
    public boolean isUnixSocket() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_UNIXSOCKET) != 0;
    }

    /** True for a client in pub/sub mode. */
    public boolean isPubSub() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_PUBSUB) != 0;
    }

    /** True for a blocked client. */
    public boolean isBlocked() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_BLOCKED) != 0;
    }

    /** True for a client with client-side caching tracking on. */
    public boolean isTracking() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_TRACKING) != 0;
    }

    /** True for a client inside MULTI. */
    public boolean isInMulti() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_MULTI) != 0;
    }
}
