package io.valkeyjvm.it

import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A module with options: its keyspace handler is notified of its own writes (nested), and writes
 * through its keys are not signalled as modified unless it says so. Loaded by the event specs
 * through a copy of the fixture's jar that names this file's class.
 */
val nestedKeyspaceFixture = valkeyModule("ksnest") {
    options(ModuleOption.ALLOW_NESTED_KEYSPACE_NOTIFICATIONS, ModuleOption.NO_IMPLICIT_SIGNAL_MODIFIED)
    events {
        // SET chain:chain:x sets chain:x inside the notification, whose own notification sets x.
        keyspace(KeyspaceEventType.STRING) { _, _, key -> if (key.startsWith("chain:")) call("SET", key.substring(6), "1") }
    }
    commands {
        // KSNEST.QUIETSET key value: writes through the key, which is not signalled as modified.
        command("ksnest.quietset", arity = 3, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).use { it.setString(args[2]) }
            replyOk()
        }
        command("ksnest.signal", arity = 2, keys = Keys.single()) { args ->
            signalModifiedKey(args[1])
            replyOk()
        }
    }
}
