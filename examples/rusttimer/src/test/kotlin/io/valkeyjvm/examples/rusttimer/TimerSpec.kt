package io.valkeyjvm.examples.rusttimer

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class TimerSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rusttimer.so"))))
    fun errorOf(vararg args: String): String = server.errorReply(*args)
    val info = Regex("""Remaining: (\d+)ms, data: (.*)""")

    test("TIMER.CREATE replies an id; TIMER.INFO tells the time left and the data; TIMER.STOP hands the data back") {
        val id = server.call("TIMER.CREATE", "10000", "hello") as String
        id.toLong() shouldBeGreaterThan 0L
        val match = checkNotNull(info.matchEntire(server.call("TIMER.INFO", id) as String))
        match.groupValues[1].toLong() shouldBeLessThanOrEqual 10_000L
        match.groupValues[1].toLong() shouldBeGreaterThan 5_000L
        match.groupValues[2] shouldBe "\"hello\""
        server.call("TIMER.STOP", id) shouldBe "Data: \"hello\""
    }

    test("ids are distinct") {
        val a = server.call("TIMER.CREATE", "10000", "a") as String
        val b = server.call("TIMER.CREATE", "10000", "b") as String
        a shouldNotBe b
        server.call("TIMER.STOP", b) shouldBe "Data: \"b\""
        server.call("TIMER.STOP", a) shouldBe "Data: \"a\""
    }

    test("the data is quoted as Rust's {:?} does") {
        val id = server.call("TIMER.CREATE", "10000", "say \"hi\" \\ bye") as String
        info.matchEntire(server.call("TIMER.INFO", id) as String)!!.groupValues[2] shouldBe "\"say \\\"hi\\\" \\\\ bye\""
        server.call("TIMER.STOP", id) shouldBe "Data: \"say \\\"hi\\\" \\\\ bye\""
    }

    test("stopping a timer twice is an error, and so is TIMER.INFO on it") {
        val id = server.call("TIMER.CREATE", "10000", "twice") as String
        server.call("TIMER.STOP", id) shouldBe "Data: \"twice\""
        errorOf("TIMER.STOP", id) shouldBe "ERR timer may not exist"
        errorOf("TIMER.INFO", id) shouldBe "ERR timer may not exist"
    }

    test("a timer that fired is gone: TIMER.INFO and TIMER.STOP are errors") {
        val id = server.call("TIMER.CREATE", "100", "soon") as String
        val deadline = System.currentTimeMillis() + 3_000
        while (true) {
            val reply = runCatching { server.call("TIMER.INFO", id) }
            if (reply.isFailure) {
                reply.exceptionOrNull()!!.message shouldBe "ERR timer may not exist"
                break
            }
            check(System.currentTimeMillis() < deadline) { "the 100 ms timer has not fired after 3 s: ${reply.getOrNull()}" }
            Thread.sleep(20)
        }
        errorOf("TIMER.STOP", id) shouldBe "ERR timer may not exist"
    }

    test("unknown and malformed ids, and bad durations, are errors") {
        errorOf("TIMER.INFO", "999999") shouldBe "ERR timer may not exist"
        errorOf("TIMER.STOP", "999999") shouldBe "ERR timer may not exist"
        errorOf("TIMER.INFO", "x") shouldBe "ERR invalid timer id"
        errorOf("TIMER.CREATE", "-1", "d") shouldBe "ERR invalid duration"
        errorOf("TIMER.CREATE", "soon", "d") shouldBe "ERR invalid duration"
    }
})
