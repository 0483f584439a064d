package io.valkeyjvm.dsl

import io.valkeyjvm.core.BlockedClient
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyString
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/** The module's coroutines: cancelled together when the module unloads or the server shuts down. */
internal object ModuleCoroutines {
    private const val SHUTDOWN_GRACE_MILLIS = 2_000L
    private val job = SupervisorJob()
    /** A background coroutine's failure has no client to go to: it goes to the server log. */
    private val logFailure = CoroutineExceptionHandler { context, failure ->
        Server.log(LogLevel.WARNING, "valkey-jvm: a coroutine of the module's scope (${context[CoroutineName]?.name}) failed:", failure)
    }
    val scope: CoroutineScope = CoroutineScope(job + ValkeyDispatchers.Cpu + CoroutineName("valkey-module") + logFailure)

    init {
        // Cancel, then give the coroutines a bounded moment to run their finally blocks.
        Server.onShutdown {
            job.cancel()
            runBlocking { withTimeoutOrNull(SHUTDOWN_GRACE_MILLIS) { job.children.forEach { it.join() } } }
        }
    }

    /** MODULE UNLOAD: cancels the coroutines and ends the module's threads. */
    fun unload() {
        job.cancel()
        ValkeyDispatchers.close()
    }
}

/**
 * The receiver of a [suspending] block: a [CoroutineScope] (so `launch` and `async` start
 * children the client waits for) that hides the command's scope, whose context is no longer
 * valid once the command has returned.
 */
@ValkeyDsl
public interface SuspendingScope : CoroutineScope

/**
 * Blocks this client, not the server, and runs [block] as a coroutine on [dispatcher]; its
 * result, a [ReplyValue], becomes the reply and an exception an error reply, written on the
 * main thread. The server keeps serving other clients meanwhile. [withValkey] in the block
 * works in the client's database.
 *
 * - [timeout]: after it, [onTimeout] replies (by default a null array, as BLPOP does) and the
 *   coroutine is cancelled. `CLIENT UNBLOCK` (TIMEOUT or ERROR) acts the same way.
 * - A client that disconnects cancels the coroutine.
 * - In MULTI, Lua or a call from another module, where clients cannot block, [onTimeout]
 *   replies at once and [block] does not run: what the server's own blocking commands do there.
 *
 * ```kotlin
 * command("x.sleep", arity = 2) { args ->
 *     val ms = args[1].toLong()
 *     suspending(timeout = 5.seconds) {
 *         delay(ms)
 *         "slept $ms ms".toReply()
 *     }
 * }
 * ```
 */
public fun CommandScope.suspending(
    timeout: Duration = Duration.INFINITE,
    onTimeout: Replies.() -> Unit = { replyNullArray() },
    dispatcher: CoroutineDispatcher = ValkeyDispatchers.Cpu,
    block: suspend SuspendingScope.() -> ReplyValue,
) {
    val blocked = context.block(timeout.toTimeoutMillis()) { it.onTimeout() }
    blocked.runCoroutine(dispatcher + ValkeyDatabase(selectedDb)) { SuspendingCoroutine(this).block() }
}

/**
 * Like [suspending], with the client also blocked on [keys], so that the coroutine can wait for
 * them with [KeyWaitScope.awaitKeys]: the suspend form of a BLPOP-like command. Writes to the
 * keys (from any client, or [CommandScope.signalKeyAsReady]) wake the waiting check; with
 * [wakeOnDelete], deleting a key does too. [timeout] bounds the wait for the keys: once a check
 * has taken something, the coroutine runs on to its reply.
 *
 * ```kotlin
 * command("queue.bpop", arity = 3, flags = "write", keys = Keys.single()) { args ->
 *     val key = args[1]
 *     suspendingOnKeys(listOf(key), timeout = args[2].toLong().seconds) {
 *         val job = awaitKeys { openKeyForWrite(key).value(queueType)?.removeFirstOrNull() }
 *         withContext(ValkeyDispatchers.Io) { process(job) }   // the client waits; the server does not
 *     }
 * }
 * ```
 */
public fun CommandScope.suspendingOnKeys(
    keys: List<ValkeyString>,
    timeout: Duration = Duration.INFINITE,
    wakeOnDelete: Boolean = false,
    onTimeout: Replies.() -> Unit = { replyNullArray() },
    dispatcher: CoroutineDispatcher = ValkeyDispatchers.Cpu,
    block: suspend KeyWaitScope.() -> ReplyValue,
) {
    val waiters = KeyWaiters()
    val blocked = context.blockWatchingKeys(keys, timeout.toTimeoutMillis(), { it.onTimeout() }, wakeOnDelete, waiters)
    blocked.runCoroutine(dispatcher + ValkeyDatabase(selectedDb)) { KeyWaitCoroutine(this, blocked, waiters).block() }
}

/** A blocked client's timeout as the server takes it: 0 for none, at least 1 ms otherwise. */
internal fun Duration.toTimeoutMillis(): Long = if (isInfinite()) 0L else inWholeMilliseconds.coerceAtLeast(1)

/**
 * Runs [block] in the module's scope for this blocked client: its result or failure ends the
 * client, and the client's cancel cancels it. A coroutine cancelled from inside (an escaped
 * `withTimeout`, say) or by the module's shutdown still ends its client, with an error reply.
 */
private fun BlockedClient.runCoroutine(context: CoroutineContext, block: suspend CoroutineScope.() -> ReplyValue) {
    if (isCancelled) return
    val job = ModuleCoroutines.scope.launch(context) {
        val result = try {
            block()
        } catch (cancelled: CancellationException) {
            throw cancelled
        } catch (failure: Throwable) {
            fail(failure)
            return@launch
        }
        complete { it.reply(result) }
    }
    job.invokeOnCompletion { cause -> if (cause != null) fail(cause) } // nothing if the client already ended
    onCancel { job.cancel(CancellationException("the blocked client timed out, disconnected or was unblocked")) }
}

private class SuspendingCoroutine(scope: CoroutineScope) : SuspendingScope, CoroutineScope by scope

/**
 * The module's own coroutine scope, for background work not tied to a client. Its coroutines
 * are cancelled when the module unloads or the server shuts down (with a short grace period);
 * they run on [ValkeyDispatchers.Cpu] unless given another dispatcher. One that fails does not
 * cancel the others; its exception goes to the server log.
 *
 * ```kotlin
 * moduleScope.launch { while (true) { delay(1.seconds); withValkey { call("INCR", "ticks") } } }
 * ```
 */
public val moduleScope: CoroutineScope get() = ModuleCoroutines.scope
