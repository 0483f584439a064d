package io.valkeyjvm.examples.rustevents

import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.atomic.AtomicLong

private val keyMisses = AtomicLong()
private val newKeys = AtomicLong()

/** The key the module's own writes go to; its events are not counted, or each would cause another. */
private val NUM_SETS = ValkeyString.of("num_sets")

/**
 * A port of the Valkey Rust SDK's events example (valkeymodule-rs, examples/events.rs): keyspace
 * notifications, each class with a handler of its own. Every string event is logged ("Received
 * event: NotifyEvent(STRING) on key: x via event: set") and counted in the key `num_sets`, written
 * by a job that runs once the notifications are done (a handler must not write); stream events are
 * logged at debug level; key misses and new keys are counted, as EVENTS.NUM_KEY_MISS and
 * EVENTS.NUM_KEYS tell. EVENTS.SEND emits a generic event "events.send" for the key `mykey`.
 *
 * The Rust handler decodes the key as UTF-8 and panics on other bytes, which aborts the server;
 * here such a key is logged with replacement characters.
 */
val events = valkeyModule("events") {
    events {
        keyspace(KeyspaceEventType.STRING) { type, event, key ->
            if (key == NUM_SETS) return@keyspace
            log(LogLevel.NOTICE, "Received event: NotifyEvent(${type.name}) on key: $key via event: $event")
            afterNotifications { server ->
                try {
                    server.call("incr", NUM_SETS)
                } catch (e: ValkeyException) {
                    server.log(LogLevel.WARNING, "Error on incr command, ${e.message}.")
                }
            }
        }
        keyspace(KeyspaceEventType.STREAM) { _, _, _ -> log(LogLevel.DEBUG, "Stream event received!") }
        keyspace(KeyspaceEventType.KEY_MISS) { _, _, _ -> keyMisses.incrementAndGet() }
        keyspace(KeyspaceEventType.NEW) { _, _, _ -> newKeys.incrementAndGet() }
    }
    commands {
        command("events.send", arity = 1) {
            notifyKeyspaceEvent(KeyspaceEventType.GENERIC, "events.send", ValkeyString.of("mykey"))
            reply("Event sent")
        }
        command("events.num_key_miss", arity = -1) { reply(keyMisses.get()) }
        command("events.num_keys", arity = -1) { reply(newKeys.get()) }
    }
}
