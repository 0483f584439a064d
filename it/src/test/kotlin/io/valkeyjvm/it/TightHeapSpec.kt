package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import kotlin.time.Duration.Companion.seconds

/** A 64 MB heap: the datasets below fit it once, not twice. */
private val smallHeap = listOf("jvm-option", "-Xmx64m")

/** ALLOC.SET [count] values of [size] bytes (alloc:0 ...) and one plain string key. */
private fun ValkeyServer.fillAlloc(count: Int, size: Int) {
    newClient().use { client ->
        val pipeline = client.pipelined()
        for (i in 0 until count) pipeline.sendCommand({ "ALLOC.SET".toByteArray() }, "alloc:$i", size.toString())
        pipeline.set("plain", "kept")
        pipeline.sync()
    }
}

private fun ValkeyServer.allocValues(): String = info("alloc_jvm", "alloc_module_values")

/**
 * A flush followed by a load (DEBUG RELOAD, a replica's full resync) must not need the heap for
 * both datasets: values the server frees on its main thread leave the heap at once, and no free
 * is ever dropped.
 */
class TightHeapSpec : FunSpec({
    timeout = 180_000

    test("DEBUG RELOAD keeps a dataset that fits the heap once, plain keys included") {
        startWith(Modules.alloc, moduleArgs = smallHeap).use { server ->
            server.fillAlloc(360, 100_000) // 36 MB of values in a 64 MB heap
            val before = server.fingerprint()
            before.first shouldBe 361L
            server.call("DEBUG", "RELOAD") shouldBe "OK"
            server.fingerprint() shouldBe before
            server.call("GET", "plain") shouldBe "kept"
            server.allocValues() shouldBe "360"
            server.shouldHaveNoCrashReport()
        }
    }

    test("FLUSHALL, synchronous or lazy, leaves no module value on the heap") {
        startWith(Modules.alloc, moduleArgs = smallHeap).use { server ->
            server.fillAlloc(200, 100_000)
            server.call("FLUSHALL", "SYNC") shouldBe "OK"
            server.allocValues() shouldBe "0"
            server.fillAlloc(200, 100_000)
            server.call("FLUSHALL", "ASYNC") shouldBe "OK"
            awaitUntil("the lazily freed values to leave the heap") { server.allocValues() == "0" }
            // The heap has room again: the same dataset fits once more.
            server.fillAlloc(360, 100_000)
            server.allocValues() shouldBe "360"
            server.shouldHaveNoCrashReport()
        }
    }

    test("a replica whose heap holds the dataset once survives a full resync from another primary") {
        val primaries = List(2) { startWith(Modules.alloc, null, "repl-diskless-sync-delay" to "0") }
        try {
            primaries.forEach { it.fillAlloc(360, 100_000) }
            primaries[0].fingerprint() shouldBe primaries[1].fingerprint()
            // Events during the load (which would let queued work run in between) as rarely as the server allows.
            startWith(Modules.alloc, null, "loading-process-events-interval-bytes" to "1000000000", moduleArgs = smallHeap).use { replica ->
                replica.replicaOf(primaries[0], 60.seconds)
                replica.fingerprint() shouldBe primaries[0].fingerprint()
                // Another replication id: a full resync, which flushes the old data, then loads.
                primaries[1].call("SET", "only-on-second", "x")
                replica.replicaOf(primaries[1], 60.seconds)
                replica.fingerprint() shouldBe primaries[1].fingerprint()
                replica.log() shouldContain "Flushing old data"
                replica.allocValues() shouldBe "360"
                replica.shouldHaveNoCrashReport()
            }
        } finally {
            primaries.forEach { it.close() }
        }
    }
})
