package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import kotlin.math.ceil
import kotlin.time.Duration.Companion.seconds

/**
 * A failure repeated many times does not flood the server log: each kind of failure (who failed,
 * and the exception's class) gets a few full lines per window, and one line per window counts
 * the rest. The spec's window is 2 s (the default is 60) so that it sees the summaries.
 */
class FailureLogSpec : FunSpec({
    timeout = 120_000
    val windowSeconds = 2
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture, listOf("jvm-option", "-Dvalkeyjvm.failureLogSeconds=$windowSeconds"))))

    /** The failures of one kind in the log: those written in full, and those the summary lines count. */
    fun logged(who: String, exception: String): Pair<Int, Int> {
        val log = server.log()
        val full = Regex(Regex.escape("valkey-jvm: $who threw $exception") + """(?::| \|)""").findAll(log).count()
        val counted = Regex(Regex.escape("valkey-jvm: $who threw $exception ") + """(\d+) more times? in the last \d+ s""")
            .findAll(log).sumOf { it.groupValues[1].toInt() }
        return full to counted
    }

    /** Full lines allowed for failures that took [elapsedNanos]: 10 per window they touched. */
    fun allowedFullLines(elapsedNanos: Long): Int = 10 * (ceil(elapsedNanos / 1e9 / windowSeconds).toInt() + 1)

    test("a command that throws 300 times: at most 10 full lines per window, the rest counted in summary lines") {
        val started = System.nanoTime()
        repeat(300) { server.errorReply("FIXTURE.THROW", "again $it") shouldBe "ERR again $it" }
        val elapsed = System.nanoTime() - started
        awaitUntil("every failure is in the log, in full or counted", 30.seconds) {
            logged("command 'fixture.throw'", "java.lang.IllegalStateException").let { (full, counted) -> full + counted } == 300
        }
        val (full, counted) = logged("command 'fixture.throw'", "java.lang.IllegalStateException")
        full shouldBeLessThanOrEqual allowedFullLines(elapsed)
        counted shouldBeGreaterThan 0
        server.log() shouldContain "more are counted, and summarized in one line per $windowSeconds s"
    }

    test("each kind of failure has its own limit, blocked commands' failures included") {
        val started = System.nanoTime()
        repeat(40) {
            server.errorReply("FIXTURE.NPE") shouldBe "ERR java.lang.NullPointerException"
            server.errorReply("FIXTURE.SLEEPFAIL", "later $it") shouldBe "ERR later $it"
        }
        val elapsed = System.nanoTime() - started
        awaitUntil("every failure is in the log, in full or counted", 30.seconds) {
            logged("command 'fixture.npe'", "java.lang.NullPointerException").let { (full, counted) -> full + counted } == 40 &&
                logged("blocked command 'FIXTURE.SLEEPFAIL'", "java.lang.IllegalStateException").let { (full, counted) -> full + counted } == 40
        }
        logged("command 'fixture.npe'", "java.lang.NullPointerException").first shouldBeLessThanOrEqual allowedFullLines(elapsed)
        logged("blocked command 'FIXTURE.SLEEPFAIL'", "java.lang.IllegalStateException").first shouldBeLessThanOrEqual allowedFullLines(elapsed)
        server.call("PING") shouldBe "PONG"
    }

    test("a limit that is not a positive number fails the load with a clear line") {
        ValkeyServer.start(valkeyServerConfig { }).use { fresh ->
            fresh.moduleLoad(Modules.fixture, "jvm-option", "-Dvalkeyjvm.failureLogLines=none").shouldNotBeNull()
            fresh.log() shouldContain "jvm-option -Dvalkeyjvm.failureLogLines=none is not a positive whole number"
        }
    }
})
