package io.valkeyjvm.conformance.hooks

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEvent.AtomicSlotMigration.Phase
import io.valkeyjvm.core.ServerEventContext
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/hooks.c (module `testhook`): it subscribes to the server
 * events and logs each by name (a count and the last value), and keeps what a removed key held
 * (a string's value, or the length of another type), why it went and when it would have expired.
 * The C original logs the persistence events of background saves from the fork child; no JVM code
 * runs there, so this port logs only those of foreground saves.
 */
val hooks = valkeyModule("testhook") {
    options(ModuleOption.HANDLE_ATOMIC_SLOT_MIGRATION)
    onLoad { args ->
        Events.clear()
        if (args.size == 1 && args[0].equalsIgnoreCase("noload")) throw CommandError("noload: failing the load on purpose")
    }
    onUnload { Events.clear() }
    events {
        on(ServerEventKind.ROLE_CHANGED) { e -> Events.string(if (e.nowPrimary) "role-master" else "role-replica", e.primaryHost ?: "") }
        on(ServerEventKind.REPLICA_CHANGE) { e -> Events.number(if (e.online) "replica-online" else "replica-offline", 0) }
        on(ServerEventKind.PRIMARY_LINK) { e -> Events.number(if (e.up) "masterlink-up" else "masterlink-down", 0) }
        on(ServerEventKind.PERSISTENCE) { e ->
            val name = when (e.phase) {
                ServerEvent.Persistence.Phase.RDB_STARTED -> "persistence-rdb-start"
                ServerEvent.Persistence.Phase.AOF_STARTED -> "persistence-aof-start"
                ServerEvent.Persistence.Phase.SYNC_AOF_STARTED -> "persistence-syncaof-start"
                ServerEvent.Persistence.Phase.SYNC_RDB_STARTED -> "persistence-syncrdb-start"
                ServerEvent.Persistence.Phase.ENDED -> "persistence-end"
                ServerEvent.Persistence.Phase.FAILED -> "persistence-failed"
            }
            log(LogLevel.WARNING, "module-event-$name")
            if (e.phase == ServerEvent.Persistence.Phase.SYNC_RDB_STARTED || e.phase == ServerEvent.Persistence.Phase.SYNC_AOF_STARTED)
                Events.number(name, 0)
        }
        on(ServerEventKind.LOADING) { e ->
            val name = when (e.phase) {
                ServerEvent.Loading.Phase.RDB_STARTED -> "loading-rdb-start"
                ServerEvent.Loading.Phase.AOF_STARTED -> "loading-aof-start"
                ServerEvent.Loading.Phase.REPLICATION_STARTED -> "loading-repl-start"
                ServerEvent.Loading.Phase.ENDED -> "loading-end"
                ServerEvent.Loading.Phase.FAILED -> "loading-failed"
            }
            Events.number(name, 0)
        }
        on(ServerEventKind.LOADING_PROGRESS) { e -> Events.number(if (e.aof) "loading-progress-aof" else "loading-progress-rdb", e.progress.toLong()) }
        on(ServerEventKind.CLIENT_CHANGE) { e -> Events.number(if (e.connected) "client-connected" else "client-disconnected", e.client.id) }
        on(ServerEventKind.FLUSH_DB) { e -> Events.number(if (e.starting) "flush-start" else "flush-end", e.db.toLong()) }
        on(ServerEventKind.SHUTDOWN) { log(LogLevel.WARNING, "module-event-shutdown") }
        on(ServerEventKind.CRON_LOOP) { e -> Events.number("cron-loop", e.hz.toLong()) }
        on(ServerEventKind.MODULE_CHANGE) { e -> Events.string(if (e.loaded) "module-loaded" else "module-unloaded", e.name) }
        on(ServerEventKind.SWAP_DB) { e ->
            Events.number("swapdb-first", e.first.toLong())
            Events.number("swapdb-second", e.second.toLong())
        }
        on(ServerEventKind.CONFIG_CHANGE) { e ->
            Events.number("config-change-count", e.names.size.toLong())
            Events.string("config-change-first", e.names.first())
        }
        on(ServerEventKind.KEY) { e -> keyRemoved(e) }
        on(ServerEventKind.AUTHENTICATION_ATTEMPT) { e ->
            Events.string("auth-attempt", e.username)
            e.moduleName?.let { Events.string("auth-attempt-module", it) }
            Events.number("auth-attempt-success", if (e.granted) 1 else 0)
        }
        on(ServerEventKind.ATOMIC_SLOT_MIGRATION) { e ->
            val prefix = "atomic-slot-migration-" + when (e.phase) {
                Phase.IMPORT_STARTED -> "import-start"
                Phase.IMPORT_COMPLETED -> "import-complete"
                Phase.IMPORT_ABORTED -> "import-abort"
                Phase.EXPORT_STARTED -> "export-start"
                Phase.EXPORT_COMPLETED -> "export-complete"
                Phase.EXPORT_ABORTED -> "export-abort"
            }
            Events.string("$prefix-jobname", e.jobName)
            Events.number("$prefix-numslotranges", e.slots.size.toLong())
            Events.string("$prefix-slotranges", e.slots.joinToString(" ") { "${it.start}-${it.end}" })
        }
    }
    commands {
        command("hooks.event_count") { args ->
            requireArity(args.size == 2)
            reply(Events.log[args[1].toText()]?.count ?: 0L)
        }
        command("hooks.event_last") { args ->
            requireArity(args.size == 2)
            val event = Events.log[args[1].toText()]
            when {
                event == null -> replyNull()
                event.lastString != null -> reply(event.lastString!!)
                else -> reply(event.lastNumber)
            }
        }
        // The C command replies nothing at all, which leaves its client waiting; this one says OK.
        command("hooks.clear") {
            Events.log.clear()
            replyOk()
        }
        command("hooks.is_key_removed") { args ->
            requireArity(args.size == 2)
            val key = cString(args[1])
            val value = Events.removedValues[key] ?: throw CommandError("ERR Key was not removed")
            reply(listOf(value.toReply(), io.valkeyjvm.core.ReplyValue.simple(Events.removedReasons.getValue(key))).toReply())
        }
        command("hooks.pexpireat") { args ->
            requireArity(args.size == 2)
            reply(Events.removedExpiries[cString(args[1])] ?: throw CommandError("ERR Key was not removed"))
        }
    }
}

/** One logged event: how often it came, and its last value, a string or else a number. */
private class LoggedEvent {
    var count = 0L
    var lastString: ValkeyString? = null
    var lastNumber = 0L
}

/** The module's logs, as the C module's dictionaries (main thread only). */
private object Events {
    val log = HashMap<String, LoggedEvent>()
    val removedValues = HashMap<String, ValkeyString>()
    val removedReasons = HashMap<String, String>()
    val removedExpiries = HashMap<String, ValkeyString>()

    fun string(name: String, value: String) = string(name, ValkeyString.of(value))

    fun string(name: String, value: ValkeyString) {
        val event = log.getOrPut(name) { LoggedEvent() }
        event.lastString = value
        event.count++
    }

    fun number(name: String, value: Long) {
        val event = log.getOrPut(name) { LoggedEvent() }
        event.lastNumber = value
        event.count++
    }

    fun clear() {
        log.clear()
        removedValues.clear()
        removedReasons.clear()
        removedExpiries.clear()
    }
}

/**
 * A key is leaving: the C module checks that it is still in the keyspace (opened again, and
 * through a command), then keeps its string value or its length, the reason and the expiry.
 */
private fun ServerEventContext.keyRemoved(event: ServerEvent.KeyChange) {
    val name = cString(event.key)
    Events.string("key-info-$name", ValkeyString.of(name))
    check(openKey(event.key).length() == event.length) { "the removed key '$name' reads differently when opened again" }
    val sizeCommand = when (event.type) {
        KeyType.STRING -> "STRLEN"
        KeyType.LIST -> "LLEN"
        KeyType.HASH -> "HLEN"
        KeyType.SET -> "SCARD"
        KeyType.ZSET -> "ZCARD"
        KeyType.STREAM -> "XLEN"
        else -> null
    }
    if (sizeCommand != null)
        check(call(setOf(CallFlag.NOT_PROPAGATED), sizeCommand, event.key).asLong() == event.length) { "$sizeCommand disagrees on '$name'" }
    Events.removedValues[name] =
        if (event.type == KeyType.STRING) openKey(event.key).stringValue() ?: ValkeyString.of("") else ValkeyString.of(event.length.toString())
    Events.removedReasons[name] = event.reason.name.lowercase()
    Events.removedExpiries[name] = ValkeyString.of(event.expireAtMillis.toString())
}

/** A name as the C module's dictionaries key it: its bytes up to the first NUL. */
private fun cString(name: ValkeyString): String {
    val bytes = name.toByteArray()
    val end = bytes.indexOf(0)
    return String(if (end < 0) bytes else bytes.copyOf(end), Charsets.UTF_8)
}
