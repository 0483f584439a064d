package io.valkeyjvm.examples.rustauth

import io.valkeyjvm.core.AuthResult
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.AuthCallbackScope
import io.valkeyjvm.dsl.AuthDecisions
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.delay

/**
 * A port of the Valkey Rust SDK's auth example (valkeymodule-rs, examples/auth.rs): four auth
 * callbacks that decide on `AUTH` before the server's own passwords, tried in this order (the
 * Rust example registers them in the reverse order, since the server tries the last registered
 * first):
 *
 * 1. `auth_one` and 2. `auth_two` decide at once: `user1`/`module_pass1` and `user2`/`module_pass2`
 *    are authenticated as those ACL users, another password for them is denied with
 *    `ERR DENIED: Authentication credentials mismatch in auth_one` (or `auth_two`), other names
 *    pass on.
 * 3. `blocking_auth_callback_one` and 4. `blocking_auth_callback_two` decide later, while their
 *    client waits and the server serves others: `blockUser1` to `blockUser3` with
 *    `module_blockPass1` to `3`, and `blockUser4` to `blockUser6` with `module_blockPass4` to `6`
 *    and `blockUserDelay`/`blockPassDelay` (after two seconds), are authenticated; another
 *    password for those names is denied (`... mismatch in blocked_auth_reply_one`, or `_two`);
 *    `blockAbort`/`abort` is refused with `ERR ABORT: Authentication aborted by server`; other
 *    names pass on, to the server's passwords in the end.
 *
 * Where the Rust example blocks the client, decides on a thread, hands the result over as the
 * blocked client's private data and turns it into the answer in a reply callback (then frees the
 * data in another), a suspending callback is one coroutine that returns its decision. The SDK
 * blocks the client before that code runs, so `default`, which the Rust callbacks pass on
 * without blocking, is passed on after a block here; the client sees no difference.
 *
 * One difference: if an allowed name has no ACL user (or it is off), the Rust example answers
 * `ERR Failed to authenticate with ACL`; the SDK denies with the server's `WRONGPASS` and logs
 * why.
 */
private const val DENIED = "DENIED: Authentication credentials mismatch in"

/** What a blocking callback's rules say about a name and a password: the Rust example's AuthResult. */
private enum class Verdict { ALLOW, DENY, NEXT }

private fun rulesOne(user: String, password: String): Verdict = when (user to password) {
    "blockUser1" to "module_blockPass1", "blockUser2" to "module_blockPass2", "blockUser3" to "module_blockPass3" -> Verdict.ALLOW
    else -> if (user in setOf("blockUser1", "blockUser2", "blockUser3")) Verdict.DENY else Verdict.NEXT
}

private fun rulesTwo(user: String, password: String): Verdict = when (user to password) {
    "blockUser4" to "module_blockPass4", "blockUser5" to "module_blockPass5", "blockUser6" to "module_blockPass6",
    "blockUserDelay" to "blockPassDelay" -> Verdict.ALLOW
    else -> if (user in setOf("blockUser4", "blockUser5", "blockUser6", "blockUserDelay")) Verdict.DENY else Verdict.NEXT
}

/** `auth_one` and `auth_two`: one user and its password, decided at once. */
private fun AuthCallbackScope.checkAtOnce(
    username: ValkeyString,
    password: ValkeyString,
    expectedUser: String,
    expectedPassword: String,
    name: String,
): AuthResult {
    // toString() may replace bytes that are not UTF-8, which can only make a name differ.
    val user = username.toString()
    log("$name auth attempt for user: $user")
    return when {
        user != expectedUser -> notHandled().also { log("$name: auth not handled for user: $user") }
        password.toString() != expectedPassword -> deny("$DENIED $name").also { log("$name: Auth explicitly denied for user: $user") }
        else -> allowAclUser(username).also { log("$name: Matched user: $user with credentials") }
    }
}

/** The blocking callbacks' decision, from their rules: what the Rust reply callbacks do with it. */
private fun AuthDecisions.decide(verdict: Verdict, username: ValkeyString, replyName: String): AuthResult {
    val (result, what) = when (verdict) {
        Verdict.ALLOW -> allowAclUser(username) to "Auth allowed for user"
        Verdict.DENY -> deny("$DENIED $replyName") to "Auth explicitly denied for user"
        Verdict.NEXT -> notHandled() to "Passing auth to next handler for user"
    }
    Server.log(LogLevel.NOTICE, "$replyName: $what: $username")
    return result
}

val authModule = valkeyModule("auth") {
    auth {
        callback { username, password -> checkAtOnce(username, password, "user1", "module_pass1", "auth_one") }
        callback { username, password -> checkAtOnce(username, password, "user2", "module_pass2", "auth_two") }

        suspendingCallback { username, password ->
            Server.log(LogLevel.NOTICE, "blocking_auth_callback_one: handling blocked client")
            if (username.toString() == "default") return@suspendingCallback notHandled()
            decide(rulesOne(username.toString(), password.toString()), username, "blocked_auth_reply_one")
        }

        suspendingCallback { username, password ->
            Server.log(LogLevel.NOTICE, "blocking_auth_callback_two: handling blocked client")
            val user = username.toString()
            when {
                user == "default" -> notHandled()
                user == "blockAbort" && password.toString() == "abort" -> deny("ERR ABORT: Authentication aborted by server")
                else -> {
                    if (user == "blockUserDelay") delay(2.seconds) // a slow check, standing for a remote service
                    decide(rulesTwo(user, password.toString()), username, "blocked_auth_reply_two")
                }
            }
        }
    }
}
