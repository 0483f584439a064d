package io.valkeyjvm.dsl

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.Timer
import io.valkeyjvm.core.Timers
import kotlin.time.Duration

/**
 * The receiver of a [timer]'s action: the server's data (keys, `call`) in the timer's database,
 * and the server log. Valid only while the action runs.
 */
@ValkeyDsl
public class TimerScope internal constructor(private val access: ServerAccess) : ServerAccess by access {
    /** Writes [message] to the server log at [level]. */
    public fun log(message: String, level: LogLevel = LogLevel.NOTICE): Unit = access.log(level, message)
}

/**
 * Runs [action] on the main thread after [delay], once; returns the timer, which can be
 * stopped and tells its remaining time. Call it on the main thread: in a timer, or a coroutine
 * on [ValkeyDispatchers.Main] (in a command, the command's own `timer` does the same in the
 * client's database). A pending timer keeps the module from unloading. The action works in
 * database 0.
 */
public fun timer(delay: Duration, action: TimerScope.() -> Unit): Timer =
    Timers.schedule(delay.inWholeMilliseconds) { access -> TimerScope(access).action() }

/**
 * Runs [action] on the main thread after [delay], once, in the client's database; returns the
 * timer, which can be stopped and tells its remaining time. A pending timer keeps the module
 * from unloading.
 *
 * ```kotlin
 * command("x.expirelater", arity = 2, flags = "write", keys = Keys.single()) { args ->
 *     val key = args[1]
 *     timer(500.milliseconds) { call("DEL", key) }    // in the database the client had selected
 *     replyOk()
 * }
 * ```
 */
public fun CommandScope.timer(delay: Duration, action: TimerScope.() -> Unit): Timer =
    Timers.schedule(selectedDb, delay.inWholeMilliseconds) { access -> TimerScope(access).action() }
