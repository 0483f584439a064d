package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig

/** The server strings the SDK makes for a command are freed by the SDK: no growth over a million calls. */
class StringLifetimeSpec : FunSpec({
    timeout = 300_000

    test("a million commands that open keys, call, notify and publish leave the server's memory where it was") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            fun churn(calls: Int) {
                server.newClient().use { client ->
                    var pipeline = client.pipelined()
                    for (i in 0 until calls) {
                        pipeline.sendCommand({ "FIXTURE.STRINGCHURN".toByteArray() }, "churn:${i % 1000}", "value-$i")
                        if (i % 10_000 == 9_999) {
                            pipeline.sync()
                            pipeline = client.pipelined()
                        }
                    }
                    pipeline.sync()
                }
            }
            fun usedMemory() = server.info("memory", "used_memory").toLong()
            churn(100_000) // the 1,000 keys exist, the server's own structures have grown
            val before = usedMemory()
            churn(1_000_000)
            // One leaked string per call would be tens of megabytes.
            (usedMemory() - before) shouldBeLessThan 1024L * 1024
            server.call("GET", "churn:999") shouldBe "value-999999"
        }
    }
})
