package io.valkeyjvm.it

import io.valkeyjvm.core.KeyPermission
import io.valkeyjvm.core.ModuleUser
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
        // ACLFX.CALLAS <rules> <command> <arg>...: the call as a new module user "fixture_user" with those rules.
        command("aclfx.callas", arity = -3) { args ->
            ModuleUser.create("fixture_user").use { user ->
                user.setAclRules(args[1].toText())
                reply(callAs(user, args[2].toText(), *args.drop(3).toTypedArray()))
            }
        }
        command("aclfx.callasclosed", arity = 1) {
            val user = ModuleUser.create("fixture_user")
            user.close()
            reply(callAs(user, "PING"))
        }
        // ACLFX.CLIENT <id>: what the module API tells of client <id>: address, db, name, user, certificate (or nil).
        command("aclfx.client", arity = 2) { args ->
            val id = args[1].toLong()
            val info = clientInfo(id) ?: return@command replyNull()
            replyArray(5)
            reply(info.address())
            reply(info.db().toLong())
            clientName(id)?.let { reply(it) } ?: replyNull()
            clientUserName(id)?.let { reply(it) } ?: replyNull()
            clientCertificate(id)?.let { reply(it) } ?: replyNull()
        }
        // ACLFX.SETCLIENTNAME <id> <name>
        command("aclfx.setclientname", arity = 3) { args -> reply(setClientName(args[2], args[1].toLong())) }
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
