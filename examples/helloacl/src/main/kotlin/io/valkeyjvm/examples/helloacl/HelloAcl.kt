package io.valkeyjvm.examples.helloacl

import io.valkeyjvm.core.CommandContext
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.ValkeyDispatchers
import io.valkeyjvm.dsl.moduleScope
import io.valkeyjvm.dsl.moduleUser
import io.valkeyjvm.dsl.valkeyModule
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/** The module user that HELLOACL.AUTHGLOBAL hands out, made at load and again by HELLOACL.RESET. */
private lateinit var global: ModuleUser

/** The id of the client authenticated as [global], or 0; everything here runs on the main thread. */
private var globalClient = 0L

private const val AUTH_TIMEOUT_MILLIS = 1000L

private fun newGlobalUser(): ModuleUser = moduleUser("global", "allcommands allkeys on")

/**
 * A port of the server's helloacl example (src/modules/helloacl.c): a module user "global" (all
 * commands, all keys) that one client at a time becomes with HELLOACL.AUTHGLOBAL, that
 * HELLOACL.REVOKE takes back (closing that client) and HELLOACL.RESET makes anew (disconnecting
 * its client); HELLOACL.AUTHASYNC blocks its client, looks the name up in a coroutine where the C
 * module starts a thread, and then authenticates the client as that ACL user.
 *
 * Its errors carry no error code, as the C module's (`-Global user currently used`). Inside MULTI, where a
 * client cannot block, HELLOACL.AUTHASYNC replies `Request timedout` at once, as the SDK's blocking
 * commands do there (the C module's reply is the server's "Blocking module command called from
 * transaction").
 */
val helloacl = valkeyModule("helloacl") {
    onLoad { global = newGlobalUser() }
    commands {
        command("helloacl.reset", arity = -1) {
            global.close() // disconnects its client, whose listener then clears globalClient
            global = newGlobalUser()
            replySimple("OK")
        }

        command("helloacl.revoke", arity = -1) {
            if (globalClient == 0L) throw ValkeyException.verbatim("Global user currently not used")
            deauthenticateAndCloseClient(globalClient)
            replySimple("OK")
        }

        command("helloacl.authglobal", arity = -1, flags = "no-auth") {
            if (globalClient != 0L) throw ValkeyException.verbatim("Global user currently used")
            globalClient = authenticateClient(global) { globalClient = 0L }
            replySimple("OK")
        }

        command("helloacl.authasync", arity = 2, flags = "no-auth") { args ->
            val username = args[1]
            // Authenticating a client takes its own context. `suspending { }` hands back a reply
            // value only, so the command blocks its client with the core API, whose reply step runs
            // as the unblocked command (the C module's reply callback).
            val blocked = context.block(AUTH_TIMEOUT_MILLIS) { it.replySimple("Request timedout") }
            if (blocked.isCancelled) return@command
            val lookup = moduleScope.launch {
                val name = lookUp(username)
                blocked.complete { unblocked -> unblocked.authenticateAs(name) }
            }
            blocked.onCancel { lookup.cancel() }
        }
    }
}

/**
 * Where a module would check a user off the main thread (a directory service, a file). Like the
 * C module's thread it lets every name through: the server refuses an unknown or disabled user
 * when the client is authenticated. Null for a name that is not UTF-8 text.
 */
private suspend fun lookUp(username: ValkeyString): String? = withContext(ValkeyDispatchers.Io) { username.toTextOrNull() }

/** The C module's reply callback: authenticates the unblocked client as the ACL user [name]. */
private fun CommandContext.authenticateAs(name: String?) {
    val authenticated = name != null && try {
        authenticateClientAsAclUser(name, null)
        true
    } catch (refused: ValkeyException) {
        false
    }
    if (!authenticated) throw ValkeyException.verbatim("Invalid Username or password")
    replySimple("OK")
}
