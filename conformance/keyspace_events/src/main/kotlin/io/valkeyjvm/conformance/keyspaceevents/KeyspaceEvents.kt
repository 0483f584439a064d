package io.valkeyjvm.conformance.keyspaceevents

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.locks.LockSupport

/**
 * A port of Valkey's tests/modules/keyspace_events.c, module "testkeyspace": a handler per class
 * of keyspace notifications (loaded keys and module events recorded, a key miss and an expiry
 * that write, a deletion that deletes a copy of the key and counts MULTI and script contexts, a
 * string handler that reads the key it was told about, another that queues a write after the
 * notifications) and the commands that show what they saw or make them fire.
 *
 * Where the C original asserts (crashing the server) that a notification handler sees the
 * cached time of the command that caused it, the port checks the same and logs a warning.
 *
 * Commands are called in the letter case the C module uses, so the replicated stream is the same.
 */

/** Keys that got a "loaded" notification, by their name up to a NUL byte (the C module's dict keys), with the key. */
private val loadedKeys = HashMap<ValkeyString, ValkeyString>()

/** Keys named by a module ("d") notification, likewise. */
private val moduleKeys = HashMap<ValkeyString, ValkeyString>()

/** Deletions of "count_dels_" keys seen on the primary (and replicated as KEYSPACE.INCR_DELS). */
private var dels = 0L

/** The cached time KEYSPACE.DEL_KEY_COPY ran at, while it runs; 0 otherwise. */
private var cachedTime = 0L

val testkeyspace = valkeyModule("testkeyspace") {
    events {
        keyspace(KeyspaceEventType.LOADED) { _, event, key -> if (event == "loaded") loadedKeys.putIfAbsent(dictKey(key), key) }

        keyspace(KeyspaceEventType.GENERIC) { _, event, key ->
            if (key.startsWith("count_dels_") && event == "del") {
                if (ContextFlag.PRIMARY in contextFlags()) {
                    dels++
                    replicate("keyspace.incr_dels")
                }
                return@keyspace
            }
            if (cachedTime != 0L) {
                // The server caches the command's time for everything the command causes.
                if (cachedTime != Server.cachedMicroseconds()) log(LogLevel.WARNING, "a notification saw another cached time than its command")
                LockSupport.parkNanos(1_000)
                if (cachedTime == Server.microseconds()) log(LogLevel.WARNING, "the server's clock stood still")
            }
            if (event == "del") {
                call("DEL", dictKey(key).concat(ValkeyString.of("_copy")))
                val flags = contextFlags()
                if (ContextFlag.LUA in flags) call(setOf(CallFlag.NOT_PROPAGATED), "INCR", "lua")
                if (ContextFlag.MULTI in flags) call(setOf(CallFlag.NOT_PROPAGATED), "INCR", "multi")
            }
        }

        keyspace(KeyspaceEventType.EXPIRED) { _, _, _ -> call("INCR", "testkeyspace:expired") }

        keyspace(KeyspaceEventType.MODULE) { _, _, key -> moduleKeys.putIfAbsent(dictKey(key), key) }

        // Writing inside a key-miss notification is wrong (the read command then replicates); the C
        // module does it on purpose, to show that it does not crash.
        keyspace(KeyspaceEventType.KEY_MISS) { _, _, _ -> if (ContextFlag.PRIMARY in contextFlags()) call("incr", "missed") }

        // Reading a string in a notification may re-encode it in the server (StringDMA): that must not break anything.
        keyspace(KeyspaceEventType.STRING) { _, _, key -> openKey(key).use { it.stringValue()?.startsWith("dummy") } }

        keyspace(KeyspaceEventType.STRING) { _, _, key ->
            if (key.startsWith("string1_")) {
                val changed = ValkeyString.of("string_changed{").concat(dictKey(key)).concat(ValkeyString.of("}"))
                afterNotifications { it.call("incr", changed) }
            }
        }
    }

    onLoad { args ->
        // A hint to fail at the very end of the load: the server must then undo every registration.
        if (args.size == 1 && args[0].equalsIgnoreCase("noload")) throw IllegalStateException("loaded with 'noload': refusing to load")
    }

    commands {
        // As in C, the commands take any number of arguments (COMMAND INFO shows arity -1) and check the count themselves.
        command("keyspace.notify") { args ->
            requireArity(args.size == 2)
            notifyKeyspaceEvent(KeyspaceEventType.MODULE, "notify", args[1])
            replyNull()
        }
        command("keyspace.is_module_key_notified") { args -> requireArity(args.size == 2); replySeen(moduleKeys[dictKey(args[1])]) }
        command("keyspace.is_key_loaded") { args -> requireArity(args.size == 2); replySeen(loadedKeys[dictKey(args[1])]) }
        command("keyspace.del_key_copy", flags = "write") { args ->
            requireArity(args.size == 2)
            cachedTime = Server.cachedMicroseconds()
            try {
                reply(callReply { call("DEL", args[1]) })
            } finally {
                cachedTime = 0
            }
        }
        // INCR, propagated by the call itself.
        command("keyspace.incr_case1", flags = "write") { args -> requireArity(args.size == 2); reply(callReply { call("INCR", args[1]) }) }
        // INCR, not propagated by the call; propagated with replicate instead.
        command("keyspace.incr_case2", flags = "write") { args ->
            requireArity(args.size == 2)
            reply(callReply { call("INCR", args[1], flags = setOf(CallFlag.NOT_PROPAGATED)) })
            replicate("INCR", args[1])
        }
        // INCR, not propagated by the call; the command propagates itself as it came.
        command("keyspace.incr_case3", flags = "write") { args ->
            requireArity(args.size == 2)
            reply(callReply { call("INCR", args[1], flags = setOf(CallFlag.NOT_PROPAGATED)) })
            replicateVerbatim()
        }
        command("keyspace.incr_dels", flags = "write") {
            dels++
            replySimple("OK")
        }
        command("keyspace.get_dels", flags = "readonly") { reply(dels) }
    }
}


/** The key as the C module's dictionaries see it: its bytes up to the first NUL. */
private fun dictKey(key: ValkeyString): ValkeyString {
    val bytes = key.toByteArray()
    val end = bytes.indexOf(0)
    return if (end < 0) key else ValkeyString.of(bytes.copyOf(end))
}

/** A call's reply, an error reply included, to pass on to the client as it is. */
private inline fun callReply(call: () -> ReplyValue): ReplyValue =
    try {
        call()
    } catch (e: ValkeyException) {
        ReplyValue.error(e.message ?: "ERR")
    }

/** [1, key] for a key seen, [0, null] otherwise. */
private fun CommandScope.replySeen(key: ValkeyString?) {
    reply(listOf(if (key == null) 0L.toReply() else 1L.toReply(), key?.toReply() ?: ReplyValue.NULL).toReply())
}
