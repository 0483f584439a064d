package io.valkeyjvm.examples.rustserverevents

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.ServerEvent.KeyChange
import io.valkeyjvm.core.ServerEvent.Persistence
import io.valkeyjvm.core.ServerEvent.ReplAsyncLoad
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.dsl.valkeyModule
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption.APPEND
import java.nio.file.StandardOpenOption.CREATE
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

private val flushes = AtomicLong()
private val connects = AtomicLong()
private val crons = AtomicLong()
private val maxMemoryChanges = AtomicLong()
private val keyEvents = AtomicLong()
private val persistenceEvents = AtomicLong()
private val primaryLinkChanges = AtomicLong()
private val primaryLinkUp = AtomicBoolean()
private val forkChildEvents = AtomicLong()
private val replicaChanges = AtomicLong()
private val replAsyncLoadEvents = AtomicLong()
private val swapDbEvents = AtomicLong()
private val rdbLoadingProgress = AtomicLong()
private val aofLoadingProgress = AtomicLong()
private val beforeSleeps = AtomicLong()
private val afterSleeps = AtomicLong()

/** Appends [line] to [file], in the server's working directory (its `dir`); a failure is logged. */
private fun ServerAccess.appendLine(file: String, line: String, failure: String) {
    try {
        Files.writeString(Path.of(file), line + "\n", CREATE, APPEND)
    } catch (e: IOException) {
        log(LogLevel.WARNING, "$failure: $e")
    }
}

/**
 * A port of the Valkey Rust SDK's server events example (valkeymodule-rs,
 * examples/server_events.rs), module `srv_events`: it subscribes to the server's events, counts
 * them and logs some, and a command per counter tells it (NUM_FLUSHED, NUM_CRONS, NUM_CONNECTS,
 * NUM_KEY_EVENTS, IS_MASTER_LINK_UP...). The shutdown event writes `shutdown_log.txt` and each
 * persistence event appends its name to `persistence_log.txt`, in the server's directory. The
 * module handles asynchronous loading of a replication stream (`repl-diskless-load swapdb`).
 *
 * Background saves (BGSAVE, AOF rewrites, a replica's full sync) fire their persistence events in
 * the fork child, where no JVM code runs: where the Rust module's child writes "RdbStart" and
 * "Ended" for a BGSAVE, this port writes only what the server's main process saves (SAVE, DEBUG
 * RELOAD: "SyncRdbStart" and "Ended"). The fork child events (born, died) still arrive.
 */
val srvEvents = valkeyModule("srv_events") {
    options(ModuleOption.HANDLE_REPL_ASYNC_LOAD)
    events {
        on(ServerEventKind.FLUSH_DB) { e -> if (e.starting) flushes.incrementAndGet() }
        on(ServerEventKind.CONFIG_CHANGE) { e -> if ("maxmemory" in e.names) maxMemoryChanges.incrementAndGet() }
        on(ServerEventKind.CRON_LOOP) { crons.incrementAndGet() }
        on(ServerEventKind.CLIENT_CHANGE) { e ->
            if (e.connected) {
                log(LogLevel.NOTICE, "Connected")
                connects.incrementAndGet()
            } else {
                log(LogLevel.NOTICE, "Disconnected")
                connects.decrementAndGet()
            }
        }
        on(ServerEventKind.KEY) { e ->
            val what = when (e.reason) {
                KeyChange.Reason.DELETED -> "deleted"
                KeyChange.Reason.EVICTED -> "evicted"
                KeyChange.Reason.OVERWRITTEN -> "overwritten"
                KeyChange.Reason.EXPIRED -> "expired"
            }
            log(LogLevel.NOTICE, "Key $what")
            keyEvents.incrementAndGet()
        }
        on(ServerEventKind.SHUTDOWN) {
            log(LogLevel.NOTICE, "Sever shutdown callback event ...")
            try {
                Files.writeString(Path.of("shutdown_log.txt"), "Server shutdown callback event ...\n")
            } catch (e: IOException) {
                log(LogLevel.WARNING, "Failed to write to shutdown log file: $e")
            }
        }
        on(ServerEventKind.PERSISTENCE) { e ->
            val name = when (e.phase) {
                Persistence.Phase.RDB_STARTED -> "RdbStart".also { log(LogLevel.NOTICE, "RDB persistence started") }
                Persistence.Phase.AOF_STARTED -> "AofStart".also { log(LogLevel.NOTICE, "AOF persistence started") }
                Persistence.Phase.SYNC_RDB_STARTED -> "SyncRdbStart".also { log(LogLevel.NOTICE, "Sync RDB persistence started") }
                Persistence.Phase.SYNC_AOF_STARTED -> "SyncAofStart".also { log(LogLevel.NOTICE, "Sync AOF persistence started") }
                Persistence.Phase.ENDED -> "Ended".also { log(LogLevel.NOTICE, "Persistence operation ended") }
                Persistence.Phase.FAILED -> "Failed".also { log(LogLevel.WARNING, "Persistence operation failed") }
            }
            appendLine("persistence_log.txt", name, "Failed to write persistence log file")
            persistenceEvents.incrementAndGet()
        }
        on(ServerEventKind.PRIMARY_LINK) { e ->
            log(LogLevel.WARNING, if (e.up) "Master link status up" else "Master link status down")
            primaryLinkChanges.incrementAndGet()
            primaryLinkUp.set(e.up)
        }
        on(ServerEventKind.FORK_CHILD) { e ->
            log(LogLevel.WARNING, if (e.born) "Fork child born" else "Fork child died")
            forkChildEvents.incrementAndGet()
        }
        on(ServerEventKind.REPLICA_CHANGE) { e ->
            log(LogLevel.NOTICE, if (e.online) "Replica online" else "Replica offline")
            replicaChanges.incrementAndGet()
        }
        on(ServerEventKind.REPL_ASYNC_LOAD) { e ->
            val what = when (e.phase) {
                ReplAsyncLoad.Phase.STARTED -> "started"
                ReplAsyncLoad.Phase.ABORTED -> "aborted"
                ReplAsyncLoad.Phase.COMPLETED -> "completed"
            }
            log(LogLevel.NOTICE, "Repl async load $what")
            replAsyncLoadEvents.incrementAndGet()
        }
        on(ServerEventKind.SWAP_DB) {
            swapDbEvents.incrementAndGet()
            log(LogLevel.NOTICE, "Databases swapped")
        }
        on(ServerEventKind.LOADING_PROGRESS) { e ->
            log(LogLevel.NOTICE, "Loading progress ${if (e.aof) "Aof" else "Rdb"}: hz=${e.hz}, progress=${e.progress}")
            (if (e.aof) aofLoadingProgress else rdbLoadingProgress).incrementAndGet()
        }
        on(ServerEventKind.EVENT_LOOP) { e -> (if (e.beforeSleep) beforeSleeps else afterSleeps).incrementAndGet() }
    }
    commands {
        fun counter(name: String, value: AtomicLong) = command(name, arity = -1, flags = "readonly") { reply(value.get()) }
        counter("num_flushed", flushes)
        counter("num_max_memory_changes", maxMemoryChanges)
        counter("num_crons", crons)
        counter("num_connects", connects)
        counter("num_key_events", keyEvents)
        counter("num_persistence_events", persistenceEvents)
        counter("num_master_link_change_events", primaryLinkChanges)
        command("is_master_link_up", arity = -1, flags = "readonly") { reply(primaryLinkUp.get()) }
        counter("num_fork_child_events", forkChildEvents)
        counter("num_replica_change_events", replicaChanges)
        counter("num_repl_async_load_events", replAsyncLoadEvents)
        counter("num_swapdb_events", swapDbEvents)
        counter("num_loading_progress_rdb", rdbLoadingProgress)
        counter("num_loading_progress_aof", aofLoadingProgress)
        counter("num_event_loop_before_sleep", beforeSleeps)
        counter("num_event_loop_after_sleep", afterSleeps)
    }
}
