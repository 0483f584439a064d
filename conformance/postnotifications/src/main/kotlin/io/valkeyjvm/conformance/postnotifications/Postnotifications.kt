package io.valkeyjvm.conformance.postnotifications

import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.suspending
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.dsl.withValkeyLock

/**
 * A port of Valkey's tests/modules/postnotifications.c, module "postnotifications": writes that
 * keyspace notifications (strings, expiry, eviction) and key events (with the load argument
 * `with_key_events`) cause, queued as post-notification jobs so they replicate with their cause
 * in one transaction; a job that reads an expired key; a handler that writes inside the
 * notification, nested, which the module option ALLOW_NESTED_KEYSPACE_NOTIFICATIONS allows; and
 * POSTNOTIFICATION.ASYNC_SET, which writes from another thread under the server's lock.
 *
 * The C module subscribes to key events only when loaded with `with_key_events`; the port's
 * subscription is declared, and its handler does nothing without that argument.
 *
 * Commands are called in the letter case the C module uses, so the replicated stream is the same.
 */

/** True when the module was loaded with the argument `with_key_events`. */
@Volatile private var withKeyEvents = false

/** The lists key events are logged to, by their reason; keys starting with one of these names are not logged. */
private val keyEventLists = mapOf(
    ServerEvent.KeyChange.Reason.DELETED to "before_deleted",
    ServerEvent.KeyChange.Reason.EXPIRED to "before_expired",
    ServerEvent.KeyChange.Reason.EVICTED to "before_evicted",
    ServerEvent.KeyChange.Reason.OVERWRITTEN to "before_overwritten",
)

val postnotifications = valkeyModule("postnotifications") {
    options(ModuleOption.ALLOW_NESTED_KEYSPACE_NOTIFICATIONS)

    onLoad { args -> withKeyEvents = args.firstOrNull()?.toTextOrNull() == "with_key_events" }

    events {
        // string_<x> counts its changes in string_changed{string_<x>}, and those count in string_total.
        keyspace(KeyspaceEventType.STRING) { _, _, key ->
            if (!key.startsWith("string_") || key == ValkeyString.of("string_total")) return@keyspace
            val counter = if (key.startsWith("string_changed{")) ValkeyString.of("string_total") else bracketed("string_changed{", key)
            afterNotifications { it.call("incr", counter) }
        }
        // Writing read_<x> reads <x> after the notifications: the read may expire <x> lazily, inside the job.
        keyspace(KeyspaceEventType.STRING) { _, _, key ->
            if (key.startsWith("read_")) {
                val read = key.substring(5)
                afterNotifications { it.call("get", read) }
            }
        }
        // Writing write_sync_<x> writes <x> at once, inside the notification (discouraged; nested on purpose).
        keyspace(KeyspaceEventType.STRING) { _, _, key ->
            if (key.startsWith("write_sync_")) call("set", key.substring(11), "1")
        }
        keyspace(KeyspaceEventType.EXPIRED) { _, _, _ -> afterNotifications { it.call("incr", "expired") } }
        keyspace(KeyspaceEventType.EVICTED) { _, _, key ->
            if (!key.startsWith("evicted") && !key.startsWith("before_evicted")) afterNotifications { it.call("incr", "evicted") }
        }
        // Each key that leaves is pushed on the list of its reason, unless it is one of those lists.
        on(ServerEventKind.KEY) { e ->
            if (!withKeyEvents || keyEventLists.values.any { e.key.startsWith(it) }) return@on
            val list = keyEventLists.getValue(e.reason)
            afterNotifications { it.call("lpush", list, e.key) }
        }
    }

    commands {
        // SET string_x 1 from another thread, holding the server's lock; its reply is the command's.
        // As in C, it takes any number of arguments (COMMAND INFO shows arity -1) and checks the count itself.
        command("postnotification.async_set", flags = "write") { args ->
            if (args.size != 1) throw CommandError("ERR wrong number of arguments for 'postnotification.async_set' command")
            suspending { withValkeyLock { call("set", "string_x", "1") } }
        }
    }
}

/** [prefix], the key, then "}". */
private fun bracketed(prefix: String, key: ValkeyString): ValkeyString = ValkeyString.of(prefix).concat(key).concat(ValkeyString.of("}"))
