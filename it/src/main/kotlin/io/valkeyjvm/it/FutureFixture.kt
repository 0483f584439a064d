package io.valkeyjvm.it

import io.valkeyjvm.dsl.valkeyModule

/** A module for a Valkey that does not exist yet: its load is refused before anything registers. */
val futureFixture = valkeyModule("future") {
    requiresServer(99, 0)
    commands { command("future.ping", arity = 1) { replySimple("PONG") } }
}
