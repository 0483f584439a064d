package io.valkeyjvm.it

import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.dsl.moduleUser
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.delay

/**
 * A module that authenticates, for the auth specs: module "authfx". It ships in the fixture's jar;
 * the specs load it through a copy of the jar whose Valkey-Module-Class names this file.
 *
 * - AUTH alice open-sesame: the module authenticates alice (an ACL user) with a password the
 *   server does not know; AUTH alice locked: denied with the module's message, in ACL LOG;
 *   AUTH crash anything: the callback throws.
 * - AUTH reader reader-pass: authenticated as the module user "reader" (authfx.mkuser makes it).
 * - AUTH slow-<user> <ms>: decided by a coroutine after <ms> ms (at most 2 s): <user> if the
 *   delay is even, denied if odd.
 * - Anything else: not handled, the server's passwords decide.
 */

/** The module user the fixture authenticates clients as; made by authfx.mkuser. */
private var reader: ModuleUser? = null

/** The ids of clients whose user changed after the module authenticated them (their listener ran), in order. */
private val userChanges = ConcurrentLinkedQueue<Long>()

val authFixture = valkeyModule("authfx") {
    auth {
        callback { username, password ->
            when (username.toText()) {
                "alice" -> when (password.toText()) {
                    "open-sesame" -> allowAclUser("alice") { id -> userChanges += id }
                    "locked" -> deny("WRONGPASS alice is locked out by authfx", aclLog = "authfx lockout")
                    else -> notHandled()
                }
                "reader" -> {
                    val user = reader
                    if (user != null && password.toText() == "reader-pass") allow(user) { id -> userChanges += id } else deny()
                }
                "crash" -> throw IllegalStateException("the secret vault is at 10.0.0.7")
                else -> notHandled()
            }
        }
        suspendingCallback(timeout = 2.seconds) { username, password ->
            val name = username.toText()
            if (!name.startsWith("slow-")) return@suspendingCallback notHandled()
            val ms = password.toText().toLong()
            delay(ms.milliseconds)
            if (ms % 2 == 0L) allowAclUser(name.removePrefix("slow-")) else deny("slow check said no after $ms ms")
        }
    }
    commands {
        // (Re)creates the module user "reader" with the given ACL rules; the previous one is freed.
        command("authfx.mkuser", arity = 2) { args ->
            reader?.close()
            reader = null
            reader = moduleUser("reader", args[1].toText())
            replyOk()
        }
        command("authfx.rules", arity = 1) { reply(reader?.aclRules() ?: fail("no reader")) }
        command("authfx.rule", arity = 2) { args ->
            (reader ?: fail("no reader")).setAcl(args[1].toText())
            replyOk()
        }
        command("authfx.freeuser", arity = 1) {
            reader?.close()
            replyOk()
        }
        // Authenticates this client as the module user, or as an ACL user; replies its client id.
        command("authfx.login", arity = 1, flags = "no-auth") {
            reply(authenticateClient(reader ?: fail("no reader")) { id -> userChanges += id })
        }
        command("authfx.loginacl", arity = 2, flags = "no-auth") { args ->
            redactArgument(1)
            reply(authenticateClientAsAclUser(args[1].toText()) { id -> userChanges += id })
        }
        command("authfx.kick", arity = 2) { args -> reply(deauthenticateAndCloseClient(args[1].toLong())) }
        command("authfx.changes", arity = 1) {
            val seen = generateSequence { userChanges.poll() }.map { it.toReply() }.toList()
            reply(seen.toReply())
        }
        command("authfx.whoami", arity = 1, flags = "no-auth") { reply(clientId) }
    }
}
