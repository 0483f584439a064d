package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import java.util.concurrent.TimeUnit
import redis.clients.jedis.exceptions.JedisDataException

/** A long command that yields lets the server handle other clients, which learn it is busy. */
class YieldSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)) { config("busy-reply-threshold", "100") })

    test("while a yielding command runs, other clients get -BUSY with the module's message instead of waiting") {
        val busy = server.callInBackground("FIXTURE.BUSY", "1500")
        Thread.sleep(500) // past busy-reply-threshold, well before the command ends
        shouldThrow<JedisDataException> { server.newClient().use { it.ping() } }.message shouldBe "BUSY fixture is working"
        (busy.get(20, TimeUnit.SECONDS) as Long) shouldBeGreaterThan 100L
        server.call("PING") shouldBe "PONG"
    }

    test("a coroutine working on the main thread lets the server serve others each time it calls yield()") {
        val started = server.call("FIXTURE.STARTED") as Long
        val working = server.callInBackground("FIXTURE.MAINSLICES", "slices:stop")
        awaitUntil("the work starts") { server.call("FIXTURE.STARTED") as Long > started }
        server.call("PING") shouldBe "PONG" // answered between two slices: the work goes on until told to stop
        withClue({ "the work ended with ${working.getNow(null)}" }) { working.isDone shouldBe false }
        server.call("SET", "slices:stop", "1") shouldBe "OK"
        (working.get(30, TimeUnit.SECONDS) as Long) shouldBeGreaterThan 0L
        server.call("DEL", "slices:stop")
    }

    test("main-thread work queued while a command yields waits for the command to end") {
        server.call("FIXTURE.LATERINCR", "counter", "100") shouldBe "OK" // a withValkey INCR, 100 ms from now
        // The INCR comes due half-way through: the command sees the key unchanged at its end.
        server.call("FIXTURE.BUSYREAD", "counter", "600") shouldBe listOf(null, null)
        var value: Any? = null
        val deadline = System.currentTimeMillis() + 10_000
        while (value == null && System.currentTimeMillis() < deadline) value = server.call("GET", "counter").also { Thread.sleep(10) }
        value shouldBe "1"
    }

    test("and so does main-thread work that comes due while a busy script runs") {
        server.call("FIXTURE.LATERINCR", "scripted", "100")
        // Spins for 600 ms: past busy-reply-threshold, so the server polls its event loop meanwhile.
        val script = """
            local before = server.call('GET', KEYS[1])
            local start = server.call('TIME')
            local now = start
            while (now[1] - start[1]) * 1000000 + (now[2] - start[2]) < 600000 do now = server.call('TIME') end
            return {before or 'none', server.call('GET', KEYS[1]) or 'none'}
        """.trimIndent()
        server.call("EVAL", script, "1", "scripted") shouldBe listOf("none", "none")
        var value: Any? = null
        val deadline = System.currentTimeMillis() + 10_000
        while (value == null && System.currentTimeMillis() < deadline) value = server.call("GET", "scripted").also { Thread.sleep(10) }
        value shouldBe "1"
    }
})
