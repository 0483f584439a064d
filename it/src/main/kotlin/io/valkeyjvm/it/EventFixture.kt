package io.valkeyjvm.it

import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ServerEventRegistration
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicLong

/**
 * A module that records the keyspace notifications and server events they receive, for the event
 * specs. It ships in the fixture's jar; the specs load it through a copy of the jar that names
 * this file's class.
 */

private val keyspaceSeen = CopyOnWriteArrayList<String>()
private val serverSeen = CopyOnWriteArrayList<String>()
private val cronTicks = AtomicLong()
private val incrsSeen = AtomicLong()
private val incrsSeenNoSelf = AtomicLong()
private val watches = mutableListOf<ServerEventRegistration>()
private val loopTurns = AtomicLong()

private fun record(event: ServerEvent) {
    val text = when (event) {
        is ServerEvent.FlushDb -> "flush ${if (event.starting) "start" else "end"} db=${event.db} sync=${event.sync}"
        is ServerEvent.ClientChange -> "client ${if (event.connected) "connected" else "disconnected"} id=${event.client.id}"
        is ServerEvent.ConfigChange -> "config ${event.names.joinToString(",")}"
        is ServerEvent.KeyChange ->
            "key ${event.reason.name.lowercase()} ${event.key.toText()} ${event.type.name.lowercase()} ${event.length} ${event.expireAtMillis}"
        is ServerEvent.ModuleChange -> "module ${if (event.loaded) "loaded" else "unloaded"} ${event.name} v${event.version}"
        is ServerEvent.Persistence -> "persistence ${event.phase.name.lowercase()}"
        is ServerEvent.ForkChild -> "fork ${if (event.born) "born" else "died"}"
        is ServerEvent.SwapDb -> "swapdb ${event.first} ${event.second}"
        is ServerEvent.Loading -> "loading ${event.phase.name.lowercase()}"
        is ServerEvent.RoleChanged -> "role ${if (event.nowPrimary) "primary" else "replica of ${event.primaryHost}:${event.primaryPort}"}"
        else -> event.toString()
    }
    serverSeen += text
}

val eventFixture = valkeyModule("evt") {
    events {
        keyspace(KeyspaceEventType.STRING, KeyspaceEventType.GENERIC, KeyspaceEventType.MODULE) { type, event, key ->
            keyspaceSeen += "${type.name.lowercase()} $event ${key.toText()}"
            // A write caused by a notification: after the notifications, in the same transaction.
            if (event == "set" && key.toText().startsWith("count:")) afterNotifications { it.call("INCR", "sets-seen") }
            // A SET of block:* blocks its client, which then gets a second reply.
            if (event == "set" && key.toText().startsWith("block:")) {
                try {
                    val blocked = blockClient(0) { }
                    if (!blocked.isCancelled) blocked.complete { it.replySimple("late ${key.toText()}") }
                } catch (refused: IllegalStateException) {
                    keyspaceSeen += "refused: ${refused.message}"
                }
            }
        }
        on(ServerEventKind.FLUSH_DB) { record(it) }
        on(ServerEventKind.CLIENT_CHANGE) { record(it) }
        on(ServerEventKind.CONFIG_CHANGE) { record(it) }
        on(ServerEventKind.KEY) {
            record(it)
            serverSeen += "opened ${it.key.toText()} ${openKey(it.key).length()}"
        }
        on(ServerEventKind.MODULE_CHANGE) { record(it) }
        on(ServerEventKind.PERSISTENCE) { record(it) }
        on(ServerEventKind.FORK_CHILD) { record(it) }
        on(ServerEventKind.SWAP_DB) { record(it) }
        on(ServerEventKind.LOADING) { record(it) }
        on(ServerEventKind.ROLE_CHANGED) { record(it) }
        on(ServerEventKind.CRON_LOOP) { cronTicks.incrementAndGet() }
    }
    // EVT.ALIAS key runs as GET key; EVT.APPENDX key as APPEND key x. Both filters count INCRs, one without the module's own.
    commandFilter { command ->
        when (command.arg(0).toText().lowercase()) {
            "evt.alias" -> command.replace(0, io.valkeyjvm.core.ValkeyString.of("GET"))
            "evt.appendx" -> {
                command.delete(0)
                command.insert(0, io.valkeyjvm.core.ValkeyString.of("APPEND"))
                command.insert(command.argCount(), io.valkeyjvm.core.ValkeyString.of("x"))
            }
            "incr" -> incrsSeen.incrementAndGet()
        }
    }
    commandFilter(noSelf = true) { command -> if (command.arg(0).equalsIgnoreCase("incr")) incrsSeenNoSelf.incrementAndGet() }
    info {
        section("") { field("global", -2); field("uglobal", ULong.MAX_VALUE - 1u) }
        section("Spanish") { field("uno", "one"); field("dos", 2) }
        section("keyspace") { dict("db0") { field("keys", 3); field("expires", 1) } }
        section("stats") { field("cron_ticks", cronTicks.get()); field("ratio", 0.25) }
    }
    commands {
        // EVT.INFO <section> <field>: the field as text, signed, unsigned and double (null where it is not one).
        command("evt.info", arity = 3) { args ->
            val info = context.serverInfo(args[1].toText())
            val field = args[2].toText()
            reply(listOf(info.text(field)?.toReply(), info.signed(field)?.toReply(), info.unsigned(field)?.toReply(),
                info.decimal(field)?.toReply()).map { it ?: io.valkeyjvm.core.ReplyValue.NULL }.toReply())
        }
        command("evt.incr", arity = 2, flags = "write") { args -> reply(call("INCR", args[1])) }
        command("evt.incrs", arity = 1) { reply(listOf(incrsSeen.get().toReply(), incrsSeenNoSelf.get().toReply()).toReply()) }
        command("evt.keyspace", arity = 1) { reply(keyspaceSeen.map { it.toReply() }.toReply()); keyspaceSeen.clear() }
        command("evt.server", arity = 1) { reply(serverSeen.map { it.toReply() }.toReply()); serverSeen.clear() }
        command("evt.cron", arity = 1) { reply(cronTicks.get()) }
        // EVT.WATCH flush|loop|commands: subscribes at run time (flush events recorded as "watched ...",
        // event loop turns counted); EVT.UNWATCH drops them all and replies how many it dropped.
        command("evt.watch", arity = 2) { args ->
            watches += when (args[1].toText()) {
                "flush" -> subscribe(ServerEventKind.FLUSH_DB) { serverSeen += "watched flush ${if (it.starting) "start" else "end"}" }
                "loop" -> subscribe(ServerEventKind.EVENT_LOOP) { loopTurns.incrementAndGet() }
                "commands" -> subscribe(ServerEventKind.COMMAND_RESULT) { serverSeen += "watched ${it.command}" }
                else -> throw CommandError("ERR unknown kind")
            }
            replyOk()
        }
        command("evt.unwatch", arity = 1) {
            reply(watches.count { it.unsubscribe() })
            watches.clear()
        }
        command("evt.loopturns", arity = 1) { reply(loopTurns.get()) }
        command("evt.emit", arity = 2) { args ->
            notifyKeyspaceEvent(KeyspaceEventType.MODULE, "evt.touched", args[1])
            replyOk()
        }
    }
}

