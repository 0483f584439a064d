package io.valkeyjvm.it

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.KeyOpenFlag
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicLong

/**
 * A module whose handlers read and write in notifications, for the event specs: handlers that are
 * each their own subscriber, key-miss, new-key and loaded-key notifications, jobs queued by the
 * key event, context flags, call flags, replicate, and strings and expiry through keys. It ships
 * in the fixture's jar; the specs load it through a copy of the jar that names this file's class.
 */

private val seen = CopyOnWriteArrayList<String>()
private val refusedJobs = AtomicLong()
/** The cached time of the command running KSX.DEL, and whether every notification it caused saw the same. */
private var commandTime = 0L
private var sameTime = true

val keyspaceFixture = valkeyModule("ksx") {
    events {
        // Writes inside its notification (discouraged, on purpose): it is not told of its own write, the other handlers are.
        keyspace(KeyspaceEventType.STRING) { _, event, key ->
            seen += "writer $event ${key.toText()}"
            if (key.startsWith("nest:")) call("SET", "nested:" + key.substring(5).toText(), "1")
        }
        // Reads the key it is told about, leaving no trace of the read.
        keyspace(KeyspaceEventType.STRING) { _, event, key ->
            seen += "reader $event ${key.toText()} ${openKey(key, setOf(KeyOpenFlag.NO_EFFECTS)).use { it.stringValue()?.toText() }}"
        }
        keyspace(KeyspaceEventType.KEY_MISS, KeyspaceEventType.NEW, KeyspaceEventType.LOADED) { type, event, key ->
            seen += "${type.name.lowercase()} $event ${key.toText()}"
        }
        keyspace(KeyspaceEventType.GENERIC) { _, _, _ -> if (commandTime != 0L && commandTime != Server.cachedMicroseconds()) sameTime = false }
        // A key event cannot write where it fires; its job writes once the notifications are done.
        on(ServerEventKind.KEY) { e ->
            if (e.key.startsWith("doomed:") && !afterNotifications { it.call("LPUSH", "graveyard", e.key) }) refusedJobs.incrementAndGet()
        }
    }
    commands {
        command("ksx.seen", arity = 1) { reply(seen.map { it.toReply() }.toReply()); seen.clear() }
        command("ksx.refused", arity = 1) { reply(refusedJobs.get()) }
        command("ksx.flags", arity = 1) { reply(contextFlags.map { it.name.toReply() }.toReply()) }
        command("ksx.notifyconfig", arity = 1) { reply(context.notifyKeyspaceEvents().map { it.name.toReply() }.toReply()) }
        // KSX.DEL key: DEL, checking that its notifications see the command's cached time.
        command("ksx.del", arity = 2, flags = "write", keys = Keys.single()) { args ->
            commandTime = Server.cachedMicroseconds()
            sameTime = true
            try {
                val deleted = call("DEL", args[1]).asLong()
                reply(listOf(deleted.toReply(), sameTime.toReply()).toReply())
            } finally {
                commandTime = 0
            }
        }
        // INCR on this server only: replicas and the AOF do not see it.
        command("ksx.localincr", arity = 2, flags = "write", keys = Keys.single()) { args ->
            reply(call("INCR", args[1], flags = setOf(CallFlag.NOT_PROPAGATED)))
        }
        // SET key value propagated to replicas without running here.
        command("ksx.tellreplicas", arity = 3, flags = "write", keys = Keys.single()) { args ->
            replicate("SET", args[1], args[2])
            replyOk()
        }
        // Whether SET key v would run (null) or why not, without running it; then the same refused as a write.
        command("ksx.dryset", arity = 2, flags = "write", keys = Keys.single()) { args ->
            reply(call("SET", args[1], "v", flags = setOf(CallFlag.DRY_RUN)))
        }
        command("ksx.readonlyset", arity = 2, keys = Keys.single()) { args -> reply(call("SET", args[1], "v", flags = setOf(CallFlag.NO_WRITES))) }
        // KSX.SETSTR key value ttl-ms: a string and its time to live, through the key.
        command("ksx.setstr", arity = 4, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).use { key ->
                key.setString(args[2])
                key.setTtlMillis(args[3].toLong())
            }
            replyOk()
        }
        // KSX.GETSTR key: [value, ttl-ms, expire-at-ms], through the key.
        command("ksx.getstr", arity = 2, keys = Keys.single()) { args ->
            openKey(args[1]).use { key ->
                reply(listOf(key.stringValue()?.toReply() ?: ReplyValue.NULL, key.ttlMillis().toReply(), key.expireAtMillis().toReply()).toReply())
            }
        }
        // KSX.PERSIST key: takes the key's time to live away.
        command("ksx.persist", arity = 2, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).use { it.setTtlMillis(io.valkeyjvm.core.Key.NO_EXPIRE) }
            replyOk()
        }
        // KSX.PEEK key: whether it exists, read without counting a hit or a miss or notifying a miss.
        command("ksx.peek", arity = 2, keys = Keys.single()) { args -> reply(!openKey(args[1], KeyOpenFlag.NO_STATS, KeyOpenFlag.NO_NOTIFY).isEmpty) }
    }
}
