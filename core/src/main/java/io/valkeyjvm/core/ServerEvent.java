package io.valkeyjvm.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A server event, with its data as a typed value: what a module subscribed to with
 * {@link ModuleDefinition.Builder#onServerEvent} receives. Each case names its kind in
 * {@link ServerEventKind}. Events arrive on the main thread; none arrives in a fork child.
 */
public sealed interface ServerEvent {
    /** The server became a primary or a replica (REPLICAOF). */
    record RoleChanged(boolean nowPrimary, @Nullable String primaryHost, int primaryPort, String replicationId,
                       String secondaryReplicationId, long replicationOffset, long secondaryReplicationOffset) implements ServerEvent {}

    /**
     * A save started, ended or failed. A background save (BGSAVE, an AOF rewrite, a full sync)
     * fires these in its fork child, where no JVM code runs: a module sees SAVE's and the other
     * saves the main process makes, and learns of background ones from {@link ForkChild}.
     */
    record Persistence(Phase phase) implements ServerEvent {
        /** What happened. */
        public enum Phase { RDB_STARTED, AOF_STARTED, SYNC_RDB_STARTED, ENDED, FAILED, SYNC_AOF_STARTED }
    }

    /** FLUSHALL or FLUSHDB: before ({@code starting}) and after; {@code db} is -1 for all databases. */
    record FlushDb(boolean starting, boolean sync, int db) implements ServerEvent {}

    /** Loading data started, ended or failed. */
    record Loading(Phase phase) implements ServerEvent {
        /** What happened. */
        public enum Phase { RDB_STARTED, AOF_STARTED, REPLICATION_STARTED, ENDED, FAILED }
    }

    /** A client connected or disconnected. */
    record ClientChange(boolean connected, ClientInfo client) implements ServerEvent {}

    /** The server is shutting down. */
    record Shutdown() implements ServerEvent {}

    /** A replica of this primary came online or went offline. */
    record ReplicaChange(boolean online) implements ServerEvent {}

    /** The link of this replica to its primary went up or down. */
    record PrimaryLink(boolean up) implements ServerEvent {}

    /** The server's cron ran; {@code hz} times a second. */
    record CronLoop(int hz) implements ServerEvent {}

    /** A module was loaded or unloaded. */
    record ModuleChange(boolean loaded, String name, int version) implements ServerEvent {}

    /** Loading progressed; {@code progress} is 0-1024, or -1 when unknown. */
    record LoadingProgress(boolean aof, int hz, int progress) implements ServerEvent {}

    /** SWAPDB swapped two databases. */
    record SwapDb(int first, int second) implements ServerEvent {}

    /** A fork child (BGSAVE, AOF rewrite, full sync) was born or died. */
    record ForkChild(boolean born) implements ServerEvent {}

    /** An asynchronous load of a replication stream started, was aborted or completed. */
    record ReplAsyncLoad(Phase phase) implements ServerEvent {
        /** What happened. */
        public enum Phase { STARTED, ABORTED, COMPLETED }
    }

    /** The event loop is about to sleep, or just woke up. */
    record EventLoop(boolean beforeSleep) implements ServerEvent {}

    /** CONFIG SET (or a module) changed configs. */
    record ConfigChange(List<String> names) implements ServerEvent {}

    /**
     * A key is leaving the keyspace: deleted, expired, evicted or overwritten. The handler runs
     * while the old value is still there: {@code type}, {@code length} and {@code expireAtMillis}
     * ({@link Key#NO_EXPIRE} for none) are the old value's, and {@code server.openKey(key)} reads
     * it (a string's bytes, say).
     */
    record KeyChange(Reason reason, ValkeyString key, KeyType type, long length, long expireAtMillis) implements ServerEvent {
        /** Why the key went. */
        public enum Reason { DELETED, EXPIRED, EVICTED, OVERWRITTEN }
    }

    /**
     * An atomic slot migration (Valkey 9.0) started, was aborted or completed, on the importing
     * or the exporting node: its job name and slot ranges.
     */
    record AtomicSlotMigration(Phase phase, String jobName, List<SlotRange> slots) implements ServerEvent {
        /** What happened, and on which side. */
        public enum Phase { IMPORT_STARTED, EXPORT_STARTED, IMPORT_ABORTED, EXPORT_ABORTED, IMPORT_COMPLETED, EXPORT_COMPLETED }

        /** Slots {@code start} to {@code end}, both included. */
        public record SlotRange(int start, int end) {}
    }

    /** A client tried to authenticate (Valkey 9.0); {@code moduleName} is the module that decided, if any. */
    record AuthenticationAttempt(long clientId, String username, @Nullable String moduleName, boolean granted) implements ServerEvent {}

    /**
     * A command ended (Valkey 9.1): it succeeded, failed with an error reply, was rejected before
     * running, or was rejected by ACLs ({@code aclReason} then says why, as the ACL log does).
     * {@code rejection} is the rejection's reply, or the denied key or channel. {@code command} is
     * the command's full name, null when the server found no such command.
     */
    record CommandResult(Outcome outcome, @Nullable String command, long durationMicros, long dirty, long clientId, boolean fromModule,
                         List<ValkeyString> args, @Nullable String rejection, int aclReason) implements ServerEvent {
        /** How the command ended. */
        public enum Outcome { SUCCESS, FAILURE, REJECTED, ACL_REJECTED }
    }
}
