package io.valkeyjvm.conformance.auth

import io.valkeyjvm.core.AuthResult
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.AuthDecisions
import io.valkeyjvm.dsl.moduleUser
import io.valkeyjvm.dsl.registerAuthCallback
import io.valkeyjvm.dsl.registerSuspendingAuthCallback
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.delay

/**
 * A port of Valkey's tests/modules/auth.c (module "testacl"): a module user "global" made and
 * remade by auth.createmoduleuser, clients authenticated as it or as an ACL user with a listener
 * that counts user changes (auth.changecount), auth.redact, and the module auth callbacks that
 * testmoduleone.rm_register_auth_cb and testmoduleone.rm_register_blocking_auth_cb register at
 * run time (unit moduleauth uses those).
 *
 * Where the C module blocks the client on authentication and decides on a thread after 0.5 s, the
 * port's suspending callback delays 0.5 s in a coroutine; its "block_abort" (AbortBlock: no
 * decision) is "not handled", which is what the server makes of an aborted block. Where the C
 * module frees the user in OnUnload, the SDK frees it. The C module's error "Invalid user" has no
 * error code; the SDK's error replies always have one, so the client reads "ERR Invalid user".
 */

/** The module user of auth.createmoduleuser, freed (and its clients disconnected) when it is made again. */
private var global: ModuleUser? = null

/** How many times the user of a client authenticated by auth.authmoduleuser or auth.authrealuser changed. */
private val clientChangeDelta = AtomicLong()

private fun userChanged(@Suppress("UNUSED_PARAMETER") clientId: Long) {
    clientChangeDelta.incrementAndGet()
}

/** The C module's auth_cb, and its blocking one's decision: foo with allow / deny, else not handled. */
private fun AuthDecisions.decide(username: ValkeyString, password: ValkeyString, allowing: String, denying: String): AuthResult =
    when {
        username.toText() == "foo" && password.toText() == allowing -> allowAclUser(username)
        username.toText() == "foo" && password.toText() == denying -> deny("Auth denied by Misc Module.", aclLog = "Module Auth")
        else -> notHandled()
    }

val testacl = valkeyModule("testacl") {
    commands {
        command("auth.authrealuser", arity = 2, flags = "no-auth") { args ->
            val id = try {
                authenticateClientAsAclUser(args[1].toText(), ::userChanged)
            } catch (refused: ValkeyException) {
                throw ValkeyException("Invalid user")
            }
            reply(id)
        }
        command("auth.createmoduleuser", arity = -1) {
            global?.close()
            global = moduleUser("global").apply {
                setAcl("allcommands")
                setAcl("allkeys")
                setAcl("on")
            }
            replySimple("OK")
        }
        command("auth.authmoduleuser", arity = -1, flags = "no-auth") {
            reply(authenticateClient(global ?: fail("no module user: call auth.createmoduleuser first"), ::userChanged))
        }
        command("auth.changecount", arity = -1) { reply(clientChangeDelta.getAndSet(0)) }
        // Redacts every other argument, from the last one down.
        command("auth.redact", arity = -1) { args ->
            for (i in args.size - 1 downTo 1 step 2) redactArgument(i)
            replySimple("OK")
        }
        command("testmoduleone.rm_register_auth_cb", arity = -1) {
            registerAuthCallback { username, password -> decide(username, password, allowing = "allow", denying = "deny") }
            replySimple("OK")
        }
        command("testmoduleone.rm_register_blocking_auth_cb", arity = -1) {
            registerSuspendingAuthCallback { username, password ->
                delay(500.milliseconds)
                decide(username, password, allowing = "block_allow", denying = "block_deny")
            }
            replySimple("OK")
        }
    }
}
