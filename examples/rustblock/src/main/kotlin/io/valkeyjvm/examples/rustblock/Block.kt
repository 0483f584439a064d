package io.valkeyjvm.examples.rustblock

import io.valkeyjvm.dsl.suspending
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.delay

/**
 * A port of the Valkey Rust SDK's block example (valkeymodule-rs, examples/block.rs), the
 * coroutine way: where the Rust original blocks the client, spawns a thread that sleeps a second
 * and replies through a thread-safe context, BLOCK suspends. Its client waits; the server does not.
 */
val block = valkeyModule("block") {
    commands {
        // BLOCK: after one second, the bulk string "42".
        command("block", arity = 1) {
            suspending {
                delay(1.seconds)
                "42".toReply()
            }
        }
    }
}
