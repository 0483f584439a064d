package io.valkeyjvm.dsl

import io.valkeyjvm.core.KeyspaceEventContext
import io.valkeyjvm.core.KeyspaceEventHandler
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventContext
import io.valkeyjvm.core.ServerEventHandler
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ValkeyString

/**
 * The body of `events { }`: keyspace notifications and server events the module handles, each
 * with its data. Handlers run on the main thread; writes they cause go in `afterNotifications`.
 *
 * ```kotlin
 * events {
 *     keyspace(KeyspaceEventType.STRING) { type, event, key ->
 *         if (event == "set") afterNotifications { it.call("INCR", "sets") }
 *     }
 *     on(ServerEventKind.FLUSH_DB) { e -> if (!e.starting) log(LogLevel.NOTICE, "flushed db ${e.db}") }
 *     on(ServerEventKind.KEY) { e -> afterNotifications { it.call("LPUSH", "gone", e.key) } }
 * }
 * ```
 */
@ValkeyDsl
public class EventsScope internal constructor(private val module: ModuleDefinition.Builder) {
    /**
     * Handles keyspace notifications of [types] (whatever the server's notify-keyspace-events
     * says): the class, the event (`"set"`, `"del"`, `"expired"`...) and the key, binary-safe.
     * The handler may read keys (the one it is told about included); writes belong in
     * [KeyspaceEventContext.afterNotifications]. Each `keyspace` block is its own subscriber, as
     * in a C module: it is not notified of what it causes itself, the module's other blocks are
     * (and so is it, with [io.valkeyjvm.core.ModuleOption.ALLOW_NESTED_KEYSPACE_NOTIFICATIONS]).
     */
    public fun keyspace(
        vararg types: KeyspaceEventType,
        handler: KeyspaceEventContext.(type: KeyspaceEventType, event: String, key: ValkeyString) -> Unit,
    ) {
        module.onKeyspaceEvent(types.toSet(), KeyspaceEventHandler { context, type, event, key -> context.handler(type, event, key) })
    }

    /**
     * Handles server events of [kind], with their data (see [ServerEvent]'s cases); writes they
     * cause go in [ServerEventContext.afterNotifications].
     */
    public fun <E : ServerEvent> on(kind: ServerEventKind<E>, handler: ServerEventContext.(event: E) -> Unit) {
        module.onServerEvent(kind, ServerEventHandler { server, event -> server.handler(event) })
    }
}
