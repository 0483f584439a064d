package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * What is true of the server and of the client a call runs for (GetContextFlags): read them with
 * {@link ServerAccess#contextFlags()}, for instance to write only on a primary, or to tell a
 * command inside MULTI or a script.
 */
public enum ContextFlag {
    /** The command runs in a script (EVAL, FCALL). */
    LUA(CTX_FLAGS_LUA),
    /** The command runs in a transaction (MULTI ... EXEC). */
    MULTI(CTX_FLAGS_MULTI),
    /** The server is a primary. */
    PRIMARY(CTX_FLAGS_PRIMARY),
    /** The server is a replica. */
    REPLICA(CTX_FLAGS_REPLICA),
    /** The server is read-only (a read-only replica). */
    READONLY(CTX_FLAGS_READONLY),
    /** The server runs in cluster mode. */
    CLUSTER(CTX_FLAGS_CLUSTER),
    /** The append-only file is on. */
    AOF(CTX_FLAGS_AOF),
    /** RDB snapshots are on. */
    RDB(CTX_FLAGS_RDB),
    /** maxmemory is set. */
    MAXMEMORY(CTX_FLAGS_MAXMEMORY),
    /** maxmemory is set with a policy that evicts keys. */
    EVICT(CTX_FLAGS_EVICT),
    /** The server is past maxmemory. */
    OOM(CTX_FLAGS_OOM),
    /** Less than a quarter of maxmemory is left. */
    OOM_WARNING(CTX_FLAGS_OOM_WARNING),
    /** The command came over the replication link (the primary's stream). */
    REPLICATED(CTX_FLAGS_REPLICATED),
    /** The server is loading data (RDB, AOF). */
    LOADING(CTX_FLAGS_LOADING),
    /** This replica has no link to its primary. */
    REPLICA_IS_STALE(CTX_FLAGS_REPLICA_IS_STALE),
    /** This replica is connecting to its primary. */
    REPLICA_IS_CONNECTING(CTX_FLAGS_REPLICA_IS_CONNECTING),
    /** This replica is receiving its primary's RDB. */
    REPLICA_IS_TRANSFERRING(CTX_FLAGS_REPLICA_IS_TRANSFERRING),
    /** This replica is in sync with its primary. */
    REPLICA_IS_ONLINE(CTX_FLAGS_REPLICA_IS_ONLINE),
    /** A fork child (background save, AOF rewrite, full sync) is running. */
    ACTIVE_CHILD(CTX_FLAGS_ACTIVE_CHILD),
    /** The next EXEC will fail: a watched key changed. */
    MULTI_DIRTY(CTX_FLAGS_MULTI_DIRTY),
    /** This process is a fork child of the server (JVM code never runs there). */
    IS_CHILD(CTX_FLAGS_IS_CHILD),
    /** The client cannot be blocked here (MULTI, a script, a call from a module). */
    DENY_BLOCKING(CTX_FLAGS_DENY_BLOCKING),
    /** The client speaks RESP3. */
    RESP3(CTX_FLAGS_RESP3),
    /** The server loads a replication stream asynchronously (repl-diskless-load swapdb). */
    ASYNC_LOADING(CTX_FLAGS_ASYNC_LOADING),
    /** The server is starting up. */
    SERVER_STARTUP(CTX_FLAGS_SERVER_STARTUP),
    /** The client imports slots in an atomic slot migration (Valkey 9.0). */
    SLOT_IMPORT_CLIENT(CTX_FLAGS_SLOT_IMPORT_CLIENT),
    /** The client exports slots in an atomic slot migration (Valkey 9.0). */
    SLOT_EXPORT_CLIENT(CTX_FLAGS_SLOT_EXPORT_CLIENT);

    private final int bit;

    ContextFlag(int bit) {
        this.bit = bit;
    }

    /** The server's VALKEYMODULE_CTX_FLAGS_ bit. */
    public int bit() {
        return bit;
    }

    /** The flags set in the server's bit set {@code bits}. */
    public static Set<ContextFlag> of(int bits) {
        EnumSet<ContextFlag> flags = EnumSet.noneOf(ContextFlag.class);
        for (ContextFlag flag : values()) if ((bits & flag.bit) != 0) flags.add(flag);
        return flags;
    }
}
