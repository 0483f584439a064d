package io.valkeyjvm.examples.rusttimer

import io.valkeyjvm.core.Timer
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.timer
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.milliseconds

/**
 * A port of the Valkey Rust SDK's timer example (valkeymodule-rs, examples/timer.rs): timers that
 * carry a string, which TIMER.INFO shows beside the time left and TIMER.STOP hands back.
 *
 * The Rust SDK keeps each timer's data in the server (as the timer's private data) and answers
 * with the server's timer id; here the module keeps its own map from ids (a counter) to the
 * [Timer] and its data. Everything below runs on the main thread (commands and timer actions), so
 * a plain map needs no lock.
 */
private class PendingTimer(val timer: Timer, val data: String)

private val timers = HashMap<Long, PendingTimer>()
private var nextId = 1L

// The Rust example's errors name the module API function that failed (for example
// "ValkeyModule_GetTimerInfo failed"); this port answers every unknown id with one simpler message.
private const val NO_SUCH_TIMER = "ERR timer may not exist"

/** Rust's `{:?}` for a string: in double quotes, with quotes and backslashes escaped. */
private fun quoted(text: String): String = buildString {
    append('"')
    for (c in text) {
        when (c) {
            '"', '\\' -> append('\\').append(c)
            '\n' -> append("\\n")
            '\r' -> append("\\r")
            '\t' -> append("\\t")
            else -> append(c)
        }
    }
    append('"')
}

private fun timerId(arg: ValkeyString): Long =
    arg.toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid timer id")

val timerModule = valkeyModule("timer") {
    commands {
        // TIMER.CREATE <ms> <data>: starts a timer; replies its id as a bulk string. When it fires
        // it does nothing but forget itself (the Rust callback logs the data at debug level).
        command("timer.create", arity = 3) { args ->
            val millis = args[1].toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid duration")
            val data = args[2].toText()
            val id = nextId++
            val timer = timer(millis.milliseconds) { timers.remove(id) }
            timers[id] = PendingTimer(timer, data)
            reply(id.toString())
        }

        // TIMER.INFO <id>: "Remaining: <ms>ms, data: "<data>"".
        command("timer.info", arity = 2, flags = "readonly") { args ->
            val pending = timers[timerId(args[1])] ?: throw CommandError(NO_SUCH_TIMER)
            val remaining = pending.timer.remainingMillis()
            if (remaining < 0) throw CommandError(NO_SUCH_TIMER)
            reply("Remaining: ${remaining}ms, data: ${quoted(pending.data)}")
        }

        // TIMER.STOP <id>: stops the timer; replies "Data: "<data>"".
        command("timer.stop", arity = 2) { args ->
            val pending = timers.remove(timerId(args[1])) ?: throw CommandError(NO_SUCH_TIMER)
            if (!pending.timer.stop()) throw CommandError(NO_SUCH_TIMER)
            reply("Data: ${quoted(pending.data)}")
        }
    }
}
