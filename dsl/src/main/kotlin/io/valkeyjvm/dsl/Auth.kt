package io.valkeyjvm.dsl

import io.valkeyjvm.core.AuthCallback
import io.valkeyjvm.core.AuthCallbacks
import io.valkeyjvm.core.AuthContext
import io.valkeyjvm.core.AuthResult
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.UserChangeListener
import io.valkeyjvm.core.ValkeyString
import kotlin.time.Duration
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull

/**
 * The decisions an auth callback returns: authenticated ([allow], [allowAclUser]), [deny], or
 * [notHandled] (the next callback, then the server's passwords). See [AuthResult].
 */
public interface AuthDecisions {
    /**
     * Authenticated as the module user [user] (which must be on); the client gets `OK`.
     * [onUserChange], if given, is told (on the main thread, with the client's id) once the
     * client stops being that user: another AUTH, `CLIENT RESET`, a revocation, a disconnection.
     */
    public fun allow(user: ModuleUser, onUserChange: ((clientId: Long) -> Unit)? = null): AuthResult =
        if (onUserChange == null) AuthResult.allow(user) else AuthResult.allow(user, UserChangeListener(onUserChange))

    /** Authenticated as the ACL user [name] (ACL SETUSER, the ACL file); see [allow] for [onUserChange]. */
    public fun allowAclUser(name: String, onUserChange: ((clientId: Long) -> Unit)? = null): AuthResult =
        allowAclUser(ValkeyString.of(name), onUserChange)

    /** Authenticated as the ACL user [name], binary-safe (the attempt's own username, say). */
    public fun allowAclUser(name: ValkeyString, onUserChange: ((clientId: Long) -> Unit)? = null): AuthResult =
        if (onUserChange == null) AuthResult.allowAclUser(name) else AuthResult.allowAclUser(name, UserChangeListener(onUserChange))

    /**
     * Denied: the client reads [message] (as is when it starts with an upper-case error code,
     * else `ERR message`), or without one the server's `WRONGPASS` line. With [aclLog], the
     * denial also goes to `ACL LOG` (reason auth, context module) with that object.
     */
    public fun deny(message: String? = null, aclLog: String? = null): AuthResult {
        val denied = if (message == null) AuthResult.deny() else AuthResult.deny(message)
        return if (aclLog == null) denied else denied.withAclLog(aclLog)
    }

    /** Not this callback's attempt: the next callback decides, then the server's own passwords. */
    public fun notHandled(): AuthResult = AuthResult.notHandled()
}

/**
 * The receiver of an auth [callback][AuthScope.callback]: the attempt's client, the server's
 * data (credentials kept in keys: `call("HGET", "users", username)`), the server log, and the
 * decisions. Valid only while the callback runs, on the main thread.
 */
@ValkeyDsl
public class AuthCallbackScope internal constructor(
    /** The underlying core context, for Java-style calls (blocking the client by hand, say). */
    public val context: AuthContext,
) : AuthDecisions, ServerAccess by context {
    /** The id of the client that is authenticating. */
    public val clientId: Long get() = context.clientId()

    /** Writes [message] to the server log at [level]. */
    public fun log(message: String, level: LogLevel = LogLevel.NOTICE): Unit = context.log(level, message)
}

/**
 * The receiver of a [suspending auth callback][AuthScope.suspendingCallback]: a coroutine scope
 * (its children are waited for), the attempt's client, and the decisions. The server's data is
 * reached with [withValkey].
 */
@ValkeyDsl
public interface SuspendingAuthScope : CoroutineScope, AuthDecisions {
    /** The id of the client that is authenticating. */
    public val clientId: Long
}

/**
 * The body of [ModuleScope.auth]: the module's auth callbacks, tried in declaration order when a
 * client sends `AUTH` or `HELLO ... AUTH`, before the server's own passwords (and before the
 * callbacks of modules loaded earlier).
 *
 * ```kotlin
 * auth {
 *     callback { username, password ->
 *         when {
 *             username.toText() != "svc" -> notHandled()
 *             password.toText() == secret -> allowAclUser("svc")
 *             else -> deny("invalid secret", aclLog = "svc secret")
 *         }
 *     }
 *     suspendingCallback(timeout = 2.seconds) { username, password ->
 *         if (tokenService.verify(username.toText(), password.toText())) allowAclUser(username) else notHandled()
 *     }
 * }
 * ```
 */
@ValkeyDsl
public class AuthScope internal constructor(private val module: ModuleDefinition.Builder) {
    /**
     * An auth callback that decides at once, on the main thread: keep it quick. Throwing denies
     * the attempt (a [CommandError] with its own line, anything else with a generic error and
     * its stack trace in the server log).
     */
    public fun callback(block: AuthCallbackScope.(username: ValkeyString, password: ValkeyString) -> AuthResult) {
        module.authCallback(authCallback(block))
    }

    /**
     * An auth callback that suspends: the client is blocked (BlockClientOnAuth), not the server,
     * while [block] runs as a coroutine on [dispatcher]; its result is the decision, and the time
     * it takes counts in the `AUTH` command's statistics. An exception denies, as in [callback].
     * After [timeout], [onTimeout] decides and the coroutine is cancelled; a client that
     * disconnects cancels it too. Inside MULTI, where the client cannot block, the attempt is
     * denied with the server's error for a module blocking in a transaction. A module cannot
     * unload while one of its clients is blocked here.
     */
    public fun suspendingCallback(
        timeout: Duration = Duration.INFINITE,
        onTimeout: () -> AuthResult = { AuthResult.deny("authentication timed out") },
        dispatcher: CoroutineDispatcher = ValkeyDispatchers.Cpu,
        block: suspend SuspendingAuthScope.(username: ValkeyString, password: ValkeyString) -> AuthResult,
    ) {
        module.authCallback(suspendingAuthCallback(timeout, onTimeout, dispatcher, block))
    }
}

/**
 * Registers an auth callback while the module runs (see [AuthScope.callback]); it is tried before
 * every callback registered until now. Call it on the main thread (in a command, say); a module
 * has at most 32 auth callbacks.
 */
public fun registerAuthCallback(block: AuthCallbackScope.(username: ValkeyString, password: ValkeyString) -> AuthResult) {
    AuthCallbacks.register(authCallback(block))
}

/** Registers a suspending auth callback while the module runs (see [AuthScope.suspendingCallback] and [registerAuthCallback]). */
public fun registerSuspendingAuthCallback(
    timeout: Duration = Duration.INFINITE,
    onTimeout: () -> AuthResult = { AuthResult.deny("authentication timed out") },
    dispatcher: CoroutineDispatcher = ValkeyDispatchers.Cpu,
    block: suspend SuspendingAuthScope.(username: ValkeyString, password: ValkeyString) -> AuthResult,
) {
    AuthCallbacks.register(suspendingAuthCallback(timeout, onTimeout, dispatcher, block))
}

/**
 * Creates a module user named [name] with [rules] as `ACL SETUSER` takes them
 * (`"on ~cache:* +@read"`); see [ModuleUser]. Call it on the main thread.
 *
 * @throws IllegalArgumentException with the server's reason if it refuses the rules
 */
public fun moduleUser(name: String, rules: String? = null): ModuleUser {
    val user = ModuleUser.create(name)
    if (rules != null) {
        try {
            user.setAclRules(rules)
        } catch (refused: IllegalArgumentException) {
            user.close()
            throw refused
        }
    }
    return user
}

private fun authCallback(block: AuthCallbackScope.(username: ValkeyString, password: ValkeyString) -> AuthResult): AuthCallback =
    AuthCallback { ctx, username, password -> AuthCallbackScope(ctx).block(username, password) }

private fun suspendingAuthCallback(
    timeout: Duration,
    onTimeout: () -> AuthResult,
    dispatcher: CoroutineDispatcher,
    block: suspend SuspendingAuthScope.(username: ValkeyString, password: ValkeyString) -> AuthResult,
): AuthCallback = AuthCallback { ctx, username, password ->
    val clientId = ctx.clientId()
    val blocked = ctx.block()
    // Not blocked (MULTI): the SDK denies with the server's own error.
    if (blocked.isCancelled) return@AuthCallback AuthResult.blocked()
    val job = ModuleCoroutines.scope.launch(dispatcher) {
        val result = try {
            if (timeout.isInfinite()) {
                SuspendingAuthCoroutine(this, clientId).block(username, password)
            } else {
                withTimeoutOrNull(timeout) { SuspendingAuthCoroutine(this, clientId).block(username, password) } ?: onTimeout()
            }
        } catch (cancelled: CancellationException) {
            throw cancelled
        } catch (failure: Throwable) {
            blocked.fail(failure)
            return@launch
        }
        blocked.complete(result)
    }
    job.invokeOnCompletion { cause -> if (cause != null) blocked.fail(cause) } // nothing if the client already ended
    blocked.onCancel { job.cancel(CancellationException("the client disconnected during its authentication")) }
    AuthResult.blocked()
}

private class SuspendingAuthCoroutine(scope: CoroutineScope, override val clientId: Long) : SuspendingAuthScope, CoroutineScope by scope
