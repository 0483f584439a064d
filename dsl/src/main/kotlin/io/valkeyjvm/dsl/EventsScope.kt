package io.valkeyjvm.dsl

import io.valkeyjvm.core.KeyspaceEventContext
import io.valkeyjvm.core.KeyspaceEventHandler
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventHandler
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ValkeyString

/**
 * The body of `events { }`: keyspace notifications and server events the module handles, each
 * with its data. Handlers run on the main thread.
 *
 * ```kotlin
 * events {
 *     keyspace(KeyspaceEventType.STRING) { type, event, key ->
 *         if (event == "set") afterNotifications { call("INCR", "sets") }
 *     }
 *     on(ServerEventKind.FLUSH_DB) { e -> if (!e.starting) log(LogLevel.NOTICE, "flushed db ${e.db}") }
 * }
 * ```
 */
@ValkeyDsl
public class EventsScope internal constructor(private val module: ModuleDefinition.Builder) {
    /**
     * Handles keyspace notifications of [types] (whatever the server's notify-keyspace-events
     * says): the class, the event (`"set"`, `"del"`, `"expired"`...) and the key, binary-safe.
     * Writes belong in [KeyspaceEventContext.afterNotifications].
     */
    public fun keyspace(
        vararg types: KeyspaceEventType,
        handler: KeyspaceEventContext.(type: KeyspaceEventType, event: String, key: ValkeyString) -> Unit,
    ) {
        module.onKeyspaceEvent(types.toSet(), KeyspaceEventHandler { context, type, event, key -> context.handler(type, event, key) })
    }

    /** Handles server events of [kind], with their data (see [ServerEvent]'s cases). */
    public fun <E : ServerEvent> on(kind: ServerEventKind<E>, handler: ServerAccess.(event: E) -> Unit) {
        module.onServerEvent(kind, ServerEventHandler { server, event -> server.handler(event) })
    }
}
