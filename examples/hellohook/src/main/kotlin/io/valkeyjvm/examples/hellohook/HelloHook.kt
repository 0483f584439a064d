package io.valkeyjvm.examples.hellohook

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the server's hellohook example (src/modules/hellohook.c): it prints what it hears of
 * clients connecting and disconnecting, databases being flushed (with the number of keys a
 * FLUSHDB is about to drop) and, on Valkey 9.0 and later, authentication attempts, to the
 * server's standard output, line for line as the C module's printf does. Each line is flushed at
 * once; the C module's lines wait in stdio's buffer when standard output is a file.
 */
val hellohook = valkeyModule("hellohook") {
    // The C module subscribes regardless and ignores an older server's refusal; a declared handler
    // would fail the load there, so this one subscribes at load time where the server has the event.
    onLoad {
        try {
            subscribe(ServerEventKind.AUTHENTICATION_ATTEMPT) { e ->
                // printf prints a NULL module name as "(null)".
                println("Authentication attempt for client #${e.clientId} with username=${e.username} " +
                    "module=${e.moduleName ?: "(null)"} success=${if (e.granted) 1 else 0}")
            }
        } catch (olderServer: IllegalStateException) {
            log("no authentication attempt events before Valkey 9.0", LogLevel.VERBOSE)
        }
    }
    events {
        on(ServerEventKind.CLIENT_CHANGE) { e ->
            val what = if (e.connected) "connection" else "disconnection"
            println("Client $what event for client #${e.client.id} ${e.client.address}:${e.client.port}")
        }
        on(ServerEventKind.FLUSH_DB) { e ->
            val all = e.db == -1
            when {
                e.starting && all -> println("FLUSHALL event started")
                e.starting -> println("FLUSHDB event of database ${e.db} started (${call("DBSIZE").asLong()} keys in DB)")
                all -> println("FLUSHALL event ended")
                else -> println("FLUSHDB event of database ${e.db} ended")
            }
        }
    }
}
