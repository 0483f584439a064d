package io.valkeyjvm.examples.rustthreads

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.ValkeyDispatchers
import io.valkeyjvm.dsl.moduleScope
import io.valkeyjvm.dsl.suspending
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.dsl.withValkey
import io.valkeyjvm.dsl.withValkeyLock
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * A port of the Valkey Rust SDK's threads example (valkeymodule-rs, examples/threads.rs), the
 * coroutine way: where the Rust original spawns threads and takes the server's lock through a
 * thread-safe context, these commands launch coroutines and reach the server's data with
 * `withValkey` (on the main thread) or `withValkeyLock` (on their own thread, under the lock).
 */

// The module's data, touched only on the main thread (commands, and `withValkey` blocks), so it
// needs no lock of its own; the Rust example guards its static with the server's lock instead.
private var staticData: String? = null
private var counter: Job? = null

val threads = valkeyModule("threads") {
    commands {
        // THREADS: starts a background coroutine that increments the key "threads" every second,
        // forever (until the module unloads). Unlike the Rust example, which spawns a new thread
        // on every call, a second call leaves the running counter alone. Replies null.
        command("threads", arity = 1) {
            if (counter?.isActive != true) {
                counter = moduleScope.launch {
                    while (true) {
                        withValkey {
                            try {
                                call("INCR", "threads")
                            } catch (e: CommandError) {
                                // The key holds something else; say so and try again next second.
                                log(LogLevel.WARNING, "INCR threads failed: ${e.message}")
                            }
                        }
                        delay(1.seconds)
                    }
                }
            }
            replyNull()
        }

        // SET_STATIC_DATA <value>: keeps <value> in the module. Replies OK.
        command("set_static_data", arity = 2) { args ->
            staticData = args[1].toText()
            replyOk()
        }

        // GET_STATIC_DATA: the value kept, or null before any SET_STATIC_DATA.
        command("get_static_data", arity = 1, flags = "readonly") {
            val value = staticData
            if (value == null) replyNull() else reply(value)
        }

        // GET_STATIC_DATA_ON_THREAD: the same, read from a coroutine on a worker thread, which
        // hops to the main thread to read it.
        command("get_static_data_on_thread", arity = 1, flags = "readonly") {
            suspending {
                withValkey { staticData }?.toReply() ?: ReplyValue.NULL
            }
        }

        // INFO_FIELD_ON_THREAD <section> <field>: the field's value in INFO <section>, read on an
        // I/O thread under the server's lock; null if the section has no such field.
        command("info_field_on_thread", arity = 3, flags = "readonly") { args ->
            val section = args[1].toText()
            val field = args[2].toText()
            suspending(dispatcher = ValkeyDispatchers.Io) {
                val info = withValkeyLock { call("INFO", section) }.asText()
                info.lineSequence()
                    .map { it.trimEnd('\r') }
                    .firstOrNull { !it.startsWith("#") && it.substringBefore(':') == field && ':' in it }
                    ?.substringAfter(':')?.toReply() ?: ReplyValue.NULL
            }
        }
    }
}
