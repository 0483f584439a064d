package io.valkeyjvm.dsl

import io.valkeyjvm.core.MainThread
import java.util.concurrent.Executors
import java.util.concurrent.ThreadFactory
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.CoroutineContext
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.Runnable
import kotlinx.coroutines.asCoroutineDispatcher

/** The dispatchers of a module's coroutines: the server's main thread, and bounded, named pools. */
public object ValkeyDispatchers {
    /**
     * The server's main thread, reached through its event loop: where the module API may be
     * used. Coroutines resume here between the server's other work; `yield()` here lets the
     * server serve its clients before the coroutine goes on.
     */
    public val Main: CoroutineDispatcher = object : CoroutineDispatcher() {
        override fun dispatch(context: CoroutineContext, block: Runnable): Unit = MainThread.execute(block)

        override fun toString(): String = "ValkeyDispatchers.Main"
    }

    /** CPU work: one daemon thread per core, named `valkey-module-cpu-N`. */
    public val Cpu: ExecutorCoroutineDispatcher =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), named("valkey-module-cpu")).asCoroutineDispatcher()

    /** Blocking I/O: at most 32 daemon threads, named `valkey-module-io-N`. */
    public val Io: ExecutorCoroutineDispatcher = Executors.newFixedThreadPool(32, named("valkey-module-io")).asCoroutineDispatcher()

    /**
     * The module is unloading: the pools take no new work and their threads end once the work
     * they have is done, so that nothing of the unloaded module stays behind. (Coroutines resumed
     * after this, to run their cancellation, continue on kotlinx's own pool.)
     */
    internal fun close() {
        Cpu.close()
        Io.close()
    }

    private fun named(prefix: String): ThreadFactory {
        val count = AtomicInteger()
        return ThreadFactory { task -> Thread(task, "$prefix-${count.incrementAndGet()}").apply { isDaemon = true } }
    }
}
