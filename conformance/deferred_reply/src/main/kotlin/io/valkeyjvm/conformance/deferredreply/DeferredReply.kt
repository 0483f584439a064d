package io.valkeyjvm.conformance.deferredreply

import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.dsl.moduleScope
import io.valkeyjvm.dsl.valkeyModule
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlin.time.Duration.Companion.milliseconds

/**
 * A port of Valkey's tests/modules/deferred_reply.c: once DEFERRED_REPLY.ARM armed it, the next
 * string notification blocks the client whose command caused it, and 100 ms later that client
 * gets a second reply, `["first", ["a", "b"]]`, whose inner array's length is set afterwards.
 */
val deferredReply = valkeyModule("deferred_reply") {
    events {
        keyspace(KeyspaceEventType.STRING) { _, _, _ ->
            if (!Armed.value) return@keyspace
            Armed.value = false
            val blocked = blockClient(0) { }
            if (blocked.isCancelled) return@keyspace
            moduleScope.launch {
                delay(100.milliseconds)
                blocked.complete { reply ->
                    reply.replyArray(2)
                    reply.replySimple("first")
                    val inner = reply.replyArray()
                    reply.replySimple("a")
                    reply.replySimple("b")
                    inner.set(2)
                }
            }
        }
    }
    commands {
        command("deferred_reply.arm") {
            Armed.value = true
            replySimple("OK")
        }
    }
}

/** Whether the next string notification blocks its client (main thread only). */
private object Armed {
    var value = false
}
