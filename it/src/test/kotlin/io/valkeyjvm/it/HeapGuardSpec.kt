package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import redis.clients.jedis.exceptions.JedisDataException

/**
 * The heap guard: with the JVM heap full after GC, deny-oom commands are refused with -OOM before
 * their handler runs (as the server refuses them over maxmemory), everything else still answers,
 * and the guard clears once memory is freed.
 */
class HeapGuardSpec : FunSpec({
    timeout = 180_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture, listOf("jvm-option", "-Xmx48m"))))

    fun jvm(field: String): String = server.info("fixture_jvm", "fixture_$field")

    /** The reply of a deny-oom command that keeps nothing: "OK", or its error line. */
    fun probe(): String = try {
        server.call("FIXTURE.RETAIN", "0")
        "OK"
    } catch (error: JedisDataException) {
        error.message.orEmpty()
    }

    /** Runs [block] on a thread of its own and waits at most [seconds] for it: a liveness bound, not a speed test. */
    fun <T> within(seconds: Long, block: () -> T): T =
        CompletableFuture.supplyAsync(block).get(seconds, TimeUnit.SECONDS)

    test("a full heap: deny-oom commands get -OOM, others and PING answer, INFO shows it, and freeing memory clears it") {
        probe() shouldBe "OK"
        jvm("heap_guard_threshold_percent") shouldBe "90"
        jvm("heap_guard_active") shouldBe "0"

        // Fill the heap in 16 KB steps until the guard refuses; 48 MB takes about 3,000 of them, the
        // bound only ends a run in which the guard never answers. Before the guard notices (it looks
        // after GCs, within milliseconds), a step may fail with ERR Java heap space.
        var refusal: String? = null
        var otherErrors = 0
        for (step in 1..20_000) {
            try {
                server.command("FIXTURE.RETAIN", "16")
            } catch (error: JedisDataException) {
                if (error.message.orEmpty().startsWith("OOM ")) {
                    refusal = error.message
                    break
                }
                if (++otherErrors == 50) break // the handler keeps running out of memory: no guard
            }
        }
        refusal.shouldNotBeNull() shouldStartWith "OOM command not allowed when the JVM heap is full ("
        refusal shouldContain "raise it with jvm-option -Xmx"
        jvm("heap_guard_active") shouldBe "1"

        // 300 pipelined deny-oom commands are refused without running, and a PING behind them answers.
        val replies = within(5) {
            RawResp(server.host, server.port, protocol = 2).use { raw ->
                repeat(300) { raw.sendOnly("FIXTURE.RETAIN", "16") }
                raw.exchange("PING")
            }
        }
        Regex("""-OOM command not allowed when the JVM heap is full""").findAll(replies).count() shouldBe 300
        replies shouldContain "+PONG"

        // Commands without deny-oom run: reads, and what frees memory.
        server.callInBackground("FIXTURE.ECHO", "still here").get(5, TimeUnit.SECONDS) shouldBe "still here"
        server.callInBackground("PING").get(5, TimeUnit.SECONDS) shouldBe "PONG"
        jvm("heap_guard_refused_commands").toLong() shouldBeGreaterThanOrEqual 301L
        jvm("heap_used_after_gc").toLong() shouldBeGreaterThanOrEqual 48L * 1024 * 1024 * 90 / 100 - 1024 * 1024

        server.call("FIXTURE.RELEASE")
        // The next GC sees the room: the guard takes a fresh look itself when it refuses on old figures.
        awaitUntil("the guard clears after the memory is released", 60.seconds, 100.milliseconds) { probe() == "OK" }
        jvm("heap_guard_active") shouldBe "0"
        server.call("FIXTURE.RETAIN", "1024") shouldBe 1024L
        server.call("FIXTURE.RELEASE") shouldBe 1024L

        val log = server.log()
        log shouldContain "the JVM heap is full ("
        log shouldContain "the JVM heap has room again"
        log shouldNotContain "BUG REPORT"
        log shouldNotContain "crashed by signal"
        server.call("PING") shouldBe "PONG"
    }

    test("the threshold is a jvm-option; one that is not a percentage fails the load with a clear line") {
        ValkeyServer.start(valkeyServerConfig { }).use { fresh ->
            // The first JVM module creates the JVM, with its options.
            val error = fresh.moduleLoad(Modules.fixture, "jvm-option", "-Dvalkeyjvm.heapGuardPercent=most")
            error.shouldNotBeNull()
            fresh.log() shouldContain "jvm-option -Dvalkeyjvm.heapGuardPercent=most is not a percentage"
            fresh.modules().containsKey("fixture") shouldBe false
        }
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture, "jvm-option", "-Dvalkeyjvm.heapGuardPercent=75") }).use { fresh ->
            fresh.info("fixture_jvm", "fixture_heap_guard_threshold_percent") shouldBe "75"
        }
    }
})
