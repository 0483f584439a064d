package io.valkeyjvm.dsl

import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerAccess
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.withContext

/**
 * Runs [block] on the server's main thread with access to its data (keys, `call`), from any
 * coroutine; returns what it returns. Writes made there replicate and reach the AOF. It works in
 * the coroutine's [ValkeyDatabase]: in a [suspending] block, the client's database.
 *
 * ```kotlin
 * suspending {
 *     val total = expensiveSum()                            // on a worker thread
 *     withValkey { call("SET", "sum", total) }              // on the main thread
 *     total
 * }
 * ```
 */
public suspend fun <T> withValkey(block: ServerAccess.() -> T): T {
    val db = currentDatabase()
    return withContext(ValkeyDispatchers.Main) { Server.onMainThread(db) { it.block() } }
}

/**
 * Runs [block] on this thread while holding the server's lock (the thread-safe context lock),
 * with access to its data, in the coroutine's [ValkeyDatabase]. The server pauses meanwhile:
 * keep it short. Not on the main thread.
 */
public suspend fun <T> withValkeyLock(block: ServerAccess.() -> T): T {
    val db = currentDatabase()
    return Server.withLock(db) { it.block() }
}

private suspend fun currentDatabase(): Int = currentCoroutineContext()[ValkeyDatabase]?.index ?: 0
