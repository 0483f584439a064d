package io.valkeyjvm.it

import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.ValkeyDispatchers
import io.valkeyjvm.dsl.suspending
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext

/**
 * A module without data types (a module with one cannot be unloaded), for the MODULE UNLOAD
 * specs. It ships in the fixture's jar; the specs load it through a copy of the jar whose
 * Valkey-Module-Class names this file.
 */

private var lifecycleArgs: List<ValkeyString> = emptyList()
private var refuseUnload = false
private val timers = mutableListOf<io.valkeyjvm.core.Timer>()
private var timersFired = 0L

val lifecycle = valkeyModule("lifecycle") {
    commands {
        command("lifecycle.echo", arity = 2) { args -> reply(args[1]) }
        command("lifecycle.args", arity = 1) { reply(lifecycleArgs) }
        // Starts a timer of <ms>; replies its remaining time.
        command("lifecycle.timer", arity = 2) { args ->
            val timer = io.valkeyjvm.dsl.timer(args[1].toLong().milliseconds) { timersFired++ }
            timers += timer
            reply(timer.remainingMillis())
        }
        command("lifecycle.stoptimers", arity = 1) {
            reply(timers.count { it.stop() }.toLong())
            timers.clear()
        }
        command("lifecycle.timersfired", arity = 1) { reply(timersFired) }
        // Blocks the client for <ms> in a coroutine that also hops to the IO pool; replies "slept".
        command("lifecycle.sleep", arity = 2) { args ->
            val millis = args[1].toLong()
            suspending {
                delay(millis)
                withContext(ValkeyDispatchers.Io) { "slept".toReply() }
            }
        }
        // The names of the JVM's live threads, of every module.
        command("lifecycle.threads", arity = 1) { reply(Thread.getAllStackTraces().keys.map { it.name }.sorted().map { it.toReply() }.toReply()) }
        command("lifecycle.refuseunload", arity = 1) {
            refuseUnload = true
            replyOk()
        }
    }
    // Load code reaches the server as a command does: it counts the loads in a key.
    onLoad { args ->
        lifecycleArgs = args
        call("INCR", "lifecycle:loads", flags = setOf(io.valkeyjvm.core.CallFlag.NOT_PROPAGATED))
    }
    onUnload {
        if (refuseUnload) throw IllegalStateException("a test asked to keep the module loaded")
    }
}
