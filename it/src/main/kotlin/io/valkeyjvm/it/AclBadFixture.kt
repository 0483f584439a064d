package io.valkeyjvm.it

import io.valkeyjvm.dsl.valkeyModule

/** The "aclbad" module, a command in a category nobody declares: its load fails, and its own category goes. */
val aclBadFixture = valkeyModule("aclbad") {
    aclCategories("aclbad_own")
    commands { command("aclbad.ping", arity = 1, aclCategories = "aclbad_own no_such_category") { replySimple("PONG") } }
}
