package io.valkeyjvm.dsl

import io.valkeyjvm.core.Timer
import io.valkeyjvm.core.Timers
import kotlin.time.Duration

/**
 * Runs [action] on the main thread after [delay], once; returns the timer, which can be
 * stopped and tells its remaining time. Call it on the main thread: in a command, a timer, or
 * a coroutine on [ValkeyDispatchers.Main]. A pending timer keeps the module from unloading.
 *
 * ```kotlin
 * command("x.later", arity = 1) {
 *     timer(500.milliseconds) { log("half a second later") }
 *     replyOk()
 * }
 * ```
 */
public fun timer(delay: Duration, action: LifecycleScope.() -> Unit): Timer =
    Timers.schedule(delay.inWholeMilliseconds) { ctx -> LifecycleScope(ctx).action() }
