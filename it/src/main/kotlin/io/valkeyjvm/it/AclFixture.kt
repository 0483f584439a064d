package io.valkeyjvm.it

import io.valkeyjvm.core.KeyPermission
import io.valkeyjvm.dsl.valkeyModule

/** The "aclfx" module: ACL categories of its own, and commands in them. */
val aclFixture = valkeyModule("aclfx") {
    aclCategories("aclfx_one", "aclfx_two")
    commands {
        command("aclfx.one", arity = 1, aclCategories = "aclfx_one") { replyOk() }
        command("aclfx.both", arity = 1, flags = "write", aclCategories = "aclfx_one aclfx_two read") { replyOk() }
        command("aclfx.whoami", arity = 1) { userName?.let { reply(it) } ?: replyNull() }
        // A command called from a module has no client of its own: no user (GetCurrentUserName crashed Valkey 8.0 there).
        command("aclfx.callwhoami", arity = 1) { reply(call("ACLFX.WHOAMI")) }
        // ACLFX.CANACCESS <user> <key> ALL|NONE|<permission>...
        command("aclfx.canaccess", arity = -4) { args ->
            val permissions = when (val first = args[3].toText().uppercase()) {
                "ALL" -> KeyPermission.ALL
                "NONE" -> emptySet()
                else -> (listOf(first) + args.drop(4).map { it.toText().uppercase() }).map { KeyPermission.valueOf(it) }.toSet()
            }
            reply(aclUserCanAccessKey(args[1], args[2], permissions))
        }
    }
}
