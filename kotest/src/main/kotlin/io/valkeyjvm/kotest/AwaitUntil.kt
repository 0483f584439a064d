package io.valkeyjvm.kotest

import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** How long the kit's waits last unless told otherwise. */
public val DEFAULT_AWAIT_TIMEOUT: Duration = 30.seconds

/**
 * Polls [condition] every [interval] until it holds: for what a server does in its own time (a
 * client blocking, a background save ending, a coroutine seeing its cancellation).
 *
 * @param what what is awaited, for the failure message
 * @throws AssertionError naming [what] if [condition] still fails after [timeout]
 */
public fun awaitUntil(
    what: String,
    timeout: Duration = DEFAULT_AWAIT_TIMEOUT,
    interval: Duration = 20.milliseconds,
    condition: () -> Boolean,
) {
    val deadline = System.nanoTime() + timeout.inWholeNanoseconds
    while (!condition()) {
        if (System.nanoTime() - deadline > 0) throw AssertionError("awaited $what, in vain for $timeout")
        Thread.sleep(interval.inWholeMilliseconds)
    }
}
