package io.valkeyjvm.dsl

import kotlin.time.Duration
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.Server
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull

/** The module's coroutines: cancelled together when the module unloads or the server shuts down. */
internal object ModuleCoroutines {
    private const val SHUTDOWN_GRACE_MILLIS = 2_000L
    private val job = SupervisorJob()
    val scope: CoroutineScope = CoroutineScope(job + ValkeyDispatchers.Cpu + CoroutineName("valkey-module"))

    init {
        // Cancel, then give the coroutines a bounded moment to run their finally blocks.
        Server.onShutdown {
            job.cancel()
            runBlocking { withTimeoutOrNull(SHUTDOWN_GRACE_MILLIS) { job.children.forEach { it.join() } } }
        }
    }
}

/**
 * Blocks this client, not the server, and runs [block] as a coroutine on [dispatcher]; its
 * result becomes the reply (see [replyValue]) and an exception an error reply, written on the
 * main thread. The server keeps serving other clients meanwhile.
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
 *         "slept $ms ms"
 *     }
 * }
 * ```
 */
public fun CommandScope.suspending(
    timeout: Duration = Duration.INFINITE,
    onTimeout: Replies.() -> Unit = { replyNullArray() },
    dispatcher: CoroutineDispatcher = ValkeyDispatchers.Cpu,
    block: suspend CoroutineScope.() -> Any?,
) {
    val timeoutMillis = if (timeout.isInfinite()) 0L else timeout.inWholeMilliseconds.coerceAtLeast(1)
    val blocked = context.block(timeoutMillis) { it.onTimeout() }
    if (blocked.isCancelled) return
    val job = ModuleCoroutines.scope.launch(dispatcher) {
        val result = try {
            block()
        } catch (cancelled: CancellationException) {
            throw cancelled
        } catch (failure: Throwable) {
            blocked.fail(failure)
            return@launch
        }
        blocked.complete { it.replyValue(result) }
    }
    blocked.onCancel { job.cancel(CancellationException("the blocked client timed out, disconnected or was unblocked")) }
}

/**
 * The module's own coroutine scope, for background work not tied to a client. Its coroutines
 * are cancelled when the module unloads or the server shuts down (with a short grace period);
 * they run on [ValkeyDispatchers.Cpu] unless given another dispatcher.
 *
 * ```kotlin
 * moduleScope.launch { while (true) { delay(1.seconds); withValkey { call("INCR", "ticks") } } }
 * ```
 */
public val moduleScope: CoroutineScope get() = ModuleCoroutines.scope
