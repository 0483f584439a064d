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

    /** True for a client that sent READONLY (reads from a cluster replica); Valkey 9.1 and later tell. */
    public boolean isReadOnly() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_READONLY) != 0;
    }

    /** True for this replica's link to its primary; Valkey 9.1 and later tell. */
    public boolean isPrimary() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_PRIMARY) != 0;
    }

    /** True for a replica's link; Valkey 9.1 and later tell. */
    public boolean isReplica() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_REPLICA) != 0;
    }

    /** True for a client in MONITOR mode; Valkey 9.1 and later tell. */
    public boolean isMonitor() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_MONITOR) != 0;
    }

    /** True for a module's client; Valkey 9.1 and later tell. */
    public boolean isModule() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_MODULE) != 0;
    }

    /** True for a client that is authenticated now; Valkey 9.1 and later tell. */
    public boolean isAuthenticated() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_AUTHENTICATED) != 0;
    }

    /** True for a client that authenticated at some time, maybe as a user since removed; Valkey 9.1 and later tell. */
    public boolean wasEverAuthenticated() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_EVER_AUTHENTICATED) != 0;
    }

    /** True for a client with no connection (the AOF loader, a script's or a module's calls); Valkey 9.1 and later tell. */
    public boolean isFake() {
        return (flags & ValkeyModuleConstants.CLIENTINFO_FLAG_FAKE) != 0;
    }
}
