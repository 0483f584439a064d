package io.valkeyjvm.dsl

import io.valkeyjvm.core.KeySignalListener
import io.valkeyjvm.core.KeyWatchingClient
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.ValkeyString
import java.util.concurrent.ConcurrentLinkedQueue
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.suspendCancellableCoroutine

/** The receiver of a [suspendingOnKeys] block: a [SuspendingScope] that can wait for the keys. */
@ValkeyDsl
public interface KeyWaitScope : SuspendingScope {
    /**
     * Suspends until [check] returns a value, and returns it. [check] runs on the main thread,
     * in the client's database: right after this call, with a null `readyKey` (or with each key
     * signalled while no `awaitKeys` was waiting, so that no signal is missed), then each time
     * one of the command's keys is signalled ready, with that key. Null means "not yet", and the
     * client goes on waiting (a key of the wrong type, an empty one). What [check] does to the
     * data, a pop say, happens in the same turn of the server as the check, as a native BLPOP's
     * pop does.
     *
     * The wait ends with the client: its timeout, disconnection or `CLIENT UNBLOCK` cancel the
     * coroutine. The timeout bounds only the wait: once a check has taken something, the command
     * goes on to its reply however long that takes (bound later work with `withTimeout`), so
     * nothing taken is lost to the timeout. An exception from [check] is thrown here. If the
     * coroutine is cancelled at the moment [check] takes something, the thing taken is dropped:
     * take only what may be lost, or cancel only through the client.
     */
    public suspend fun <T : Any> awaitKeys(check: ServerAccess.(readyKey: ValkeyString?) -> T?): T
}

/** The pending [KeyWaitScope.awaitKeys] calls of one blocked client; runs them when its keys are signalled. */
internal class KeyWaiters : KeySignalListener {
    private val waiting = ConcurrentLinkedQueue<Waiter<*>>()

    private inner class Waiter<T : Any>(val check: ServerAccess.(readyKey: ValkeyString?) -> T?, val continuation: CancellableContinuation<T>) {
        /** True if the check took something and the waiter has it. */
        fun tryServe(data: ServerAccess, readyKey: ValkeyString?): Boolean {
            val value = try {
                data.check(readyKey) ?: return false
            } catch (failure: Throwable) {
                if (waiting.remove(this)) continuation.resumeWithException(failure)
                return false
            }
            if (!waiting.remove(this)) return false
            continuation.resume(value)
            return true
        }
    }

    /**
     * Main thread: keys signalled while no check was waiting (before the first awaitKeys, or
     * between two). The next check sees them, so that a signal only it carries, a deletion, is
     * not lost.
     */
    private val missed = LinkedHashSet<ValkeyString>()

    override fun signalled(data: ServerAccess, readyKey: ValkeyString?): Boolean {
        if (waiting.isEmpty()) {
            if (readyKey != null) missed += readyKey
            return false
        }
        if (readyKey == null && missed.isNotEmpty()) {
            val keys = missed.toList()
            missed.clear()
            return keys.any { serveAll(data, it) }
        }
        return serveAll(data, readyKey)
    }

    private fun serveAll(data: ServerAccess, readyKey: ValkeyString?): Boolean {
        var served = false
        for (waiter in waiting) served = waiter.tryServe(data, readyKey) || served
        return served
    }

    suspend fun <T : Any> await(client: KeyWatchingClient, check: ServerAccess.(readyKey: ValkeyString?) -> T?): T =
        suspendCancellableCoroutine { continuation ->
            val waiter = Waiter(check, continuation)
            waiting.add(waiter)
            continuation.invokeOnCancellation { waiting.remove(waiter) }
            client.recheck()
        }
}

internal class KeyWaitCoroutine(
    scope: CoroutineScope,
    private val client: KeyWatchingClient,
    private val waiters: KeyWaiters,
) : KeyWaitScope, CoroutineScope by scope {
    override suspend fun <T : Any> awaitKeys(check: ServerAccess.(readyKey: ValkeyString?) -> T?): T = waiters.await(client, check)
}
