package io.valkeyjvm.examples.helloblock

import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.ValkeyDispatchers
import io.valkeyjvm.dsl.suspending
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.dsl.withValkeyLock
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.delay

/**
 * A port of the server's helloblock example (src/modules/helloblock.c), the coroutine way:
 * where the C original starts a thread per request and unblocks the client from it, these
 * commands suspend.
 */
val helloblock = valkeyModule("helloblock") {
    commands {
        // HELLO.BLOCK delay timeout: after <delay> seconds, a random integer; after <timeout>
        // milliseconds first (0: none), "Request timedout".
        command("hello.block", arity = 3) { args ->
            val delaySeconds = args[1].toLongOrNull()
            val timeoutMillis = args[2].toLongOrNull()
            if (delaySeconds == null || timeoutMillis == null || delaySeconds < 0 || timeoutMillis < 0)
                throw CommandError("ERR invalid count")
            suspending(
                timeout = if (timeoutMillis == 0L) Duration.INFINITE else timeoutMillis.milliseconds,
                onTimeout = { replySimple("Request timedout") },
            ) {
                delay(delaySeconds.seconds)
                Random.nextInt(0, Int.MAX_VALUE).toReply()
            }
        }

        // HELLO.KEYS: every key of the selected database, gathered with SCAN on an I/O thread that
        // takes the server's lock for each step, as the original does with a thread-safe context.
        command("hello.keys", arity = 1) {
            suspending(dispatcher = ValkeyDispatchers.Io) {
                val keys = mutableListOf<ValkeyString>()
                var cursor = "0"
                do {
                    val page = withValkeyLock { call("SCAN", cursor) }
                    cursor = page[0].asText()
                    page[1].asList().forEach { keys += it.asString() }
                } while (cursor != "0")
                keys.toReply()
            }
        }
    }
}
