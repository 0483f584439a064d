package io.valkeyjvm.it

import io.valkeyjvm.dsl.valkeyModule

/** The "aclclash" module, whose category the server has already: its load fails. */
val aclClashFixture = valkeyModule("aclclash") {
    aclCategories("read")
    commands { command("aclclash.ping", arity = 1) { replySimple("PONG") } }
}
