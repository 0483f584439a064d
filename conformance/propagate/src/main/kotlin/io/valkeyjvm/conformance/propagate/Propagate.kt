package io.valkeyjvm.conformance.propagate

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.Timers
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.mustObeyClient
import io.valkeyjvm.dsl.timer
import io.valkeyjvm.dsl.valkeyModule
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.milliseconds

/**
 * A port of Valkey's tests/modules/propagate.c (module "propagate-test"): what reaches replicas
 * and the AOF when a module writes and replicates from a command, a nested command, a timer, a
 * thread under the server's lock and a keyspace notification, and how the server wraps it all in
 * MULTI/EXEC.
 *
 * Where the C module's threads lock a thread-safe context of their own, or the module's detached
 * one, the port's threads take the server's lock with Server.withLock, which uses the module's
 * detached context: the server propagates the same either way (at the unlock, in one
 * transaction). Calls without the C module's "!" are NOT_PROPAGATED here; the SDK propagates by
 * default.
 */

private val notPropagated = setOf(CallFlag.NOT_PROPAGATED)

/** How many times the repeating timer has run. */
private var times = 0

/** propagate-test.incr commands that came from the primary or the AOF. */
private var obeyed = 0L

/** Replicates INCR timer, three times 100 ms apart, in the database of the command that started it. */
private fun ServerAccess.timerTick() {
    replicate("INCR", "timer")
    times++
    if (times < 3) Timers.schedule(selectedDb(), 100) { it.timerTick() } else times = 0
}

/** Replicates around a nested module command and an INCR, which the call propagates with [replicated]. */
private fun ServerAccess.nestedTick(replicated: Boolean) {
    val flags = if (replicated) emptySet() else notPropagated
    replicate("INCRBY", "timer-nested-start", "1")
    ignoringErrors { call(flags, "propagate-test.nested") }
    ignoringErrors { call(flags, "INCR", "timer-nested-middle") }
    replicate("INCRBY", "timer-nested-end", "1")
}

/** The C module frees call replies without looking at them: errors included. */
private inline fun ignoringErrors(call: () -> Unit) {
    try {
        call()
    } catch (ignored: ValkeyException) {
    }
}

val propagateTest = valkeyModule("propagate-test") {
    // Lets replicate() name commands the server does not check (the unit relies on the option being set).
    options(ModuleOption.SKIP_COMMAND_VALIDATION)

    events {
        keyspace(*KeyspaceEventType.all().toTypedArray()) { _, _, _ -> ignoringErrors { call("INCR", "notifications") } }
    }

    commands {
        command("propagate-test.timer", keys = Keys.single()) {
            timer(100.milliseconds) { timerTick() }
            replySimple("OK")
        }
        command("propagate-test.timer-nested", keys = Keys.single()) {
            timer(100.milliseconds) { nestedTick(replicated = false) }
            replySimple("OK")
        }
        command("propagate-test.timer-nested-repl", keys = Keys.single()) {
            timer(100.milliseconds) { nestedTick(replicated = true) }
            replySimple("OK")
        }
        command("propagate-test.timer-maxmemory", keys = Keys.single()) {
            timer(100.milliseconds) {
                ignoringErrors { call("SETEX", "timer-maxmemory-volatile-start", "100", "1") }
                ignoringErrors { call("CONFIG", "SET", "maxmemory", "1") }
                replicate("INCR", "timer-maxmemory-middle")
                ignoringErrors { call("SETEX", "timer-maxmemory-volatile-end", "100", "1") }
            }
            replySimple("OK")
        }
        command("propagate-test.timer-eval", keys = Keys.single()) {
            timer(100.milliseconds) {
                ignoringErrors { call("INCRBY", "timer-eval-start", "1") }
                ignoringErrors { call("EVAL", "redis.call('set',KEYS[1],ARGV[1])", "1", "foo", "bar") }
                replicate("INCR", "timer-eval-middle")
                ignoringErrors { call("INCRBY", "timer-eval-end", "1") }
            }
            replySimple("OK")
        }
        command("propagate-test.thread", keys = Keys.single()) {
            thread(name = "propagate-test.thread") {
                repeat(3) {
                    // The tests run in database 9.
                    Server.withLock(9) { server ->
                        server.replicate("INCR", "a-from-thread")
                        ignoringErrors { server.call("INCR", "thread-call") }
                        server.replicate("INCR", "b-from-thread")
                    }
                }
            }
            replySimple("OK")
        }
        command("propagate-test.detached-thread", keys = Keys.single()) {
            thread(name = "propagate-test.detached-thread") {
                Server.withLock(9) { server ->
                    server.replicate("INCR", "thread-detached-before")
                    ignoringErrors { server.call("INCR", "thread-detached-1") }
                    ignoringErrors { server.call("INCR", "thread-detached-2") }
                    server.replicate("INCR", "thread-detached-after")
                }
            }
            replySimple("OK")
        }
        command("propagate-test.simple", keys = Keys.single()) {
            // Two replicated commands, to see them wrapped in MULTI/EXEC.
            replicate("INCR", "counter-1")
            replicate("INCR", "counter-2")
            replySimple("OK")
        }
        command("propagate-test.mixed", flags = "write", keys = Keys.single()) {
            ignoringErrors { call("INCR", "using-call") }
            replicate("INCR", "counter-1")
            replicate("INCR", "counter-2")
            ignoringErrors { call("INCR", "after-call") }
            replySimple("OK")
        }
        command("propagate-test.nested", flags = "write", keys = Keys.single()) {
            ignoringErrors { call("INCR", "using-call") }
            ignoringErrors { call("propagate-test.simple") }
            replicate("INCR", "counter-3")
            replicate("INCR", "counter-4")
            ignoringErrors { call("INCR", "after-call") }
            ignoringErrors { call("INCR", "before-call-2") }
            ignoringErrors { call("keyspace.incr_case1", "asdf") } // propagates INCR
            ignoringErrors { call("keyspace.del_key_copy", "asdf") } // propagates DEL
            ignoringErrors { call("INCR", "after-call-2") }
            replySimple("OK")
        }
        command("propagate-test.incr", flags = "write", keys = Keys.single()) { args ->
            if (mustObeyClient) obeyed++
            // Propagates the module command, not the INCR it runs.
            val reply = try {
                call("INCR", args[1], flags = notPropagated)
            } catch (error: ValkeyException) {
                io.valkeyjvm.core.ReplyValue.error(error.message ?: "ERR")
            }
            reply(reply)
            replicateVerbatim()
        }
        command("propagate-test.obeyed", keys = Keys.single()) { reply(obeyed) }
    }
}
