package io.valkeyjvm.it

import io.valkeyjvm.core.LatencyMonitor
import io.valkeyjvm.dsl.addLatencySample
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.milliseconds

/** The "latfx" module: samples for the server's latency monitor, from the DSL and from Java-style code. */
val latencyFixture = valkeyModule("latfx") {
    commands {
        // LATFX.SAMPLE <event> <ms>
        command("latfx.sample", arity = 3) { args ->
            addLatencySample(args[1].toText(), args[2].toLong().milliseconds)
            replyOk()
        }
        // LATFX.JSAMPLE <event> <ms>: the core call as Java code makes it
        command("latfx.jsample", arity = 3) { args ->
            LatencyMonitor.addSample(args[1].toText(), args[2].toLong())
            replyOk()
        }
    }
}
