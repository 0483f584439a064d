package io.valkeyjvm.dsl

import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * The database that [withValkey] and [withValkeyLock] work in, as an element of a coroutine's
 * context. A [suspending] or [suspendingOnKeys] block has its client's database; other
 * coroutines work in database 0 unless they say otherwise:
 *
 * ```kotlin
 * moduleScope.launch(ValkeyDatabase(3)) { withValkey { call("INCR", "ticks") } }   // in database 3
 * ```
 */
public class ValkeyDatabase(
    /** The database's number, as SELECT takes it. */
    public val index: Int,
) : AbstractCoroutineContextElement(ValkeyDatabase) {
    init {
        require(index >= 0) { "a database number is not negative, not $index" }
    }

    /** The key of [ValkeyDatabase] in a coroutine context. */
    public companion object Key : CoroutineContext.Key<ValkeyDatabase>

    override fun toString(): String = "ValkeyDatabase($index)"
}
