package io.valkeyjvm.it

import io.valkeyjvm.dsl.valkeyModule

/** The "aclfx" module: ACL categories of its own, and commands in them. */
val aclFixture = valkeyModule("aclfx") {
    aclCategories("aclfx_one", "aclfx_two")
    commands {
        command("aclfx.one", arity = 1, aclCategories = "aclfx_one") { replyOk() }
        command("aclfx.both", arity = 1, flags = "write", aclCategories = "aclfx_one aclfx_two read") { replyOk() }
    }
}
