package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/** A module's samples in the server's latency monitor (the "latfx" module of LatencyFixture.kt), on a live server. */
class LatencySpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.latency)))
    fun error(vararg args: String): String = server.errorReply(*args)

    /** LATENCY HISTORY's samples of [event], as (time, milliseconds) pairs: the milliseconds only. */
    fun history(event: String): List<Long> = (server.call("LATENCY", "HISTORY", event) as List<*>).map { (it as List<*>)[1] as Long }

    beforeTest {
        server.call("LATENCY", "RESET")
    }

    test("a sample at or above the threshold shows in LATENCY HISTORY and LATEST; one below it does not") {
        server.call("CONFIG", "SET", "latency-monitor-threshold", "10")
        server.call("LATFX.SAMPLE", "mod-event", "5")
        history("mod-event") shouldBe emptyList()
        server.call("LATFX.SAMPLE", "mod-event", "42")
        history("mod-event") shouldBe listOf(42L)
        val latest = (server.call("LATENCY", "LATEST") as List<*>).map { it as List<*> }.single { it[0] == "mod-event" }
        latest[2] shouldBe 42L
        server.call("LATFX.JSAMPLE", "java-event", "12")
        history("java-event") shouldBe listOf(12L)
    }

    test("a negative sample or an empty event name is a clear error, and the server goes on") {
        server.call("CONFIG", "SET", "latency-monitor-threshold", "1")
        error("LATFX.SAMPLE", "bad", "-5") shouldContain "cannot be negative"
        error("LATFX.JSAMPLE", "", "5") shouldContain "needs a name"
        history("bad") shouldBe emptyList()
        server.call("PING") shouldBe "PONG"
    }
})
