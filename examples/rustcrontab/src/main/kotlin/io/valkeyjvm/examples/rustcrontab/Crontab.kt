package io.valkeyjvm.examples.rustcrontab

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ServerEventContext
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's crontab.rs (module `crontab`): jobs on a cron schedule, run
 * from the server's cron loop. The load argument names the environment: `dev` runs two jobs
 * every 5 seconds and one every 10, any other every 15 and 30. The Rust jobs are empty; these
 * log a debug line, so that a run can be seen.
 *
 * Two things differ from the Rust example, both where it is weak: the cron event hands the
 * server's current hz (Rust reads it with CONFIG GET, since its handler receives the event's
 * version), and a job runs once per scheduled second (Rust runs it at every cron tick within one
 * interval of it, which may be twice). Expressions are the Rust `cron` crate's seven fields; this
 * example reads the one form it uses, every N seconds (a seconds field of a star, a slash and N,
 * every other field a star), and refuses others at load.
 */
val crontab = valkeyModule("crontab") {
    onLoad { args ->
        val environment = args.firstOrNull()?.toText() ?: ""
        Crontab.configure(Environment.of(environment))
        log("env_name, \"$environment\", ENV_CONFIG: ${Crontab.environment}")
    }
    events {
        on(ServerEventKind.CRON_LOOP) { Crontab.tick(this, System.currentTimeMillis()) }
    }
}

/** The schedules of an environment, as the Rust example's EnvConfig. */
data class Environment(val cronFn1Fn2: String, val cronFn3: String) {
    companion object {
        fun of(name: String): Environment = when (name) {
            "dev" -> Environment("*/5 * * * * * *", "*/10 * * * * * *")
            else -> Environment("*/15 * * * * * *", "*/30 * * * * * *")
        }
    }
}

/** Every [seconds] seconds, on the wall clock's multiples of it. */
class EverySeconds(val seconds: Int) {
    /** The latest scheduled time at or before [nowMillis]. */
    fun latestAtOrBefore(nowMillis: Long): Long = nowMillis - nowMillis % (seconds * 1000L)

    companion object {
        private val FORM = Regex("""\*/(\d+)( \*){6}""")

        /** Reads [expression], or fails naming it. */
        fun parse(expression: String): EverySeconds {
            val seconds = FORM.matchEntire(expression)?.groupValues?.get(1)?.toIntOrNull()
            require(seconds != null && seconds in 1..59) { "cron expression '$expression' is not of the form */N * * * * * * (N from 1 to 59)" }
            return EverySeconds(seconds)
        }
    }
}

/** The jobs by schedule, and when each schedule last ran (main thread only). */
object Crontab {
    var environment = Environment.of("")
        private set
    private var jobs: List<Pair<EverySeconds, List<(ServerEventContext) -> Unit>>> = emptyList()
    private val lastRun = HashMap<EverySeconds, Long>()

    fun configure(environment: Environment) {
        this.environment = environment
        jobs = listOf(
            EverySeconds.parse(environment.cronFn1Fn2) to listOf(::cronFn1, ::cronFn2),
            EverySeconds.parse(environment.cronFn3) to listOf(::cronFn3),
        )
        lastRun.clear()
    }

    /** Runs the jobs whose scheduled time has come since they last ran (the first tick only starts the clock). */
    fun tick(server: ServerEventContext, nowMillis: Long) {
        for ((schedule, functions) in jobs) {
            val due = schedule.latestAtOrBefore(nowMillis)
            val previous = lastRun.put(schedule, due)
            if (previous != null && due > previous) functions.forEach { it(server) }
        }
    }
}

private fun cronFn1(server: ServerEventContext) = server.log(LogLevel.DEBUG, "cron_fn1 ran")

private fun cronFn2(server: ServerEventContext) = server.log(LogLevel.DEBUG, "cron_fn2 ran")

private fun cronFn3(server: ServerEventContext) = server.log(LogLevel.DEBUG, "cron_fn3 ran")
