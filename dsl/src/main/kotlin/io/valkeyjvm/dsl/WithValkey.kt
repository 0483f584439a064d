package io.valkeyjvm.dsl

import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerAccess
import kotlinx.coroutines.withContext

/**
 * Runs [block] on the server's main thread with access to its data (keys, `call`), from any
 * coroutine; returns what it returns. Writes made there replicate and reach the AOF.
 *
 * ```kotlin
 * suspending {
 *     val total = expensiveSum()                            // on a worker thread
 *     withValkey { call("SET", "sum", total) }              // on the main thread
 *     total
 * }
 * ```
 */
public suspend fun <T> withValkey(block: ServerAccess.() -> T): T =
    withContext(ValkeyDispatchers.Main) { Server.onMainThread { it.block() } }

/**
 * Runs [block] on this thread while holding the server's lock (the thread-safe context lock),
 * with access to its data. The server pauses meanwhile: keep it short. Not on the main thread.
 */
public fun <T> withValkeyLock(block: ServerAccess.() -> T): T = Server.withLock { it.block() }
