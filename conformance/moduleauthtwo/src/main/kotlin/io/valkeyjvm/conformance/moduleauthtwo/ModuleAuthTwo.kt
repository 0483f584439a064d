package io.valkeyjvm.conformance.moduleauthtwo

import io.valkeyjvm.dsl.registerAuthCallback
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/moduleauthtwo.c (module "moduleauthtwo"): a second module that
 * registers a module auth callback at run time (testmoduletwo.rm_register_auth_cb), to show that
 * callbacks of several modules take turns. It allows foo with "allow_two", denies foo with
 * "deny_two" (with an ACL log entry "Module Auth"), and leaves every other attempt to the next
 * callback.
 */
val moduleauthtwo = valkeyModule("moduleauthtwo") {
    commands {
        command("testmoduletwo.rm_register_auth_cb") {
            registerAuthCallback { username, password ->
                when {
                    username.toText() == "foo" && password.toText() == "allow_two" -> allowAclUser(username)
                    username.toText() == "foo" && password.toText() == "deny_two" -> deny("Auth denied by Misc Module.", aclLog = "Module Auth")
                    else -> notHandled()
                }
            }
            replySimple("OK")
        }
    }
}
