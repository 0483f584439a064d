package io.valkeyjvm.it

import io.valkeyjvm.dsl.valkeyModule

/**
 * A module for a Valkey that does not exist yet: its load is refused before anything registers,
 * after a first check that logs the server it found.
 */
val futureFixture = valkeyModule("future") {
    checkLoad { server, args -> log("checking server $server with ${args.size} arguments") }
    requiresServer(99, 0)
    commands { command("future.ping", arity = 1) { replySimple("PONG") } }
}
