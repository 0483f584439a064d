package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

/** The fork invariant and the lazy-free thread, with the fixture's data type. */
class DataTypeForkSpec : FunSpec({
    timeout = 180_000

    fun start(dir: Path? = null, vararg jvmOptions: String): ValkeyServer = ValkeyServer.start(valkeyServerConfig {
        module(Modules.fixture, *jvmOptions.flatMap { listOf("jvm-option", it) }.toTypedArray())
        if (dir != null) config("dir", dir.toString())
    })

    test("BGSAVE 20 times in a row while a JVM thread allocates hard under a small heap: every save finishes in seconds") {
        val first = start(null, "-Xmx48m", "-XX:+UseSerialGC")
        first.use { server ->
            server.call("FIXTURE.CHURN", "start") shouldBe "OK"
            repeat(20) { round ->
                // Dirty values: their saves are recorded again before the fork, with the heap busy.
                repeat(50) { i -> server.call("FIXTURE.TSET", "blob:$i", (1000 + i * 13).toString(), round.toString()) }
                server.call("BGSAVE")
                server.awaitBackgroundWork(5.seconds) // each save finishes in seconds, heap pressure or not
            }
            server.call("FIXTURE.CHURN", "stop")
            server.log() shouldNotContain "BUG REPORT"
            // The module's INFO section shows the JVM it runs in.
            val jvm = server.info("fixture_jvm").mapValues { it.value.toLong() }
            jvm.getValue("fixture_heap_max") shouldBeLessThanOrEqual 48L * 1024 * 1024
            jvm.getValue("fixture_heap_used") shouldBeGreaterThan 0L
            jvm.getValue("fixture_gc_count") shouldBeGreaterThan 0L
            jvm.getValue("fixture_module_values") shouldBe 50L
        }
        start(first.dir).use { server ->
            for (i in 0 until 50) {
                val bytes = server.client.sendCommand({ "FIXTURE.TGET".toByteArray() }, "blob:$i".toByteArray()) as ByteArray
                bytes.size shouldBe 1000 + i * 13
                bytes[5] shouldBe (5 * 31 + 19).toByte()
            }
        }
    }

    test("aux data saved before and after the keyspace comes back, from a fork child's save and from DEBUG RELOAD") {
        val first = start()
        first.use { server ->
            server.call("FIXTURE.TSET", "k", "10", "1")
            server.call("FIXTURE.AUXSET", "forked")
            server.call("BGSAVE")
            server.awaitBackgroundWork(10.seconds)
        }
        start(first.dir).use { server ->
            server.call("FIXTURE.AUXLOADED") shouldBe listOf("BEFORE_KEYSPACE:forked", "AFTER_KEYSPACE:forked")
            server.call("FIXTURE.AUXSET", "reloaded")
            server.call("DEBUG", "RELOAD") shouldBe "OK"
            server.call("FIXTURE.AUXLOADED") shouldBe listOf("BEFORE_KEYSPACE:reloaded", "AFTER_KEYSPACE:reloaded")
        }
    }

    test("FLUSHALL (lazy by default), FLUSHALL ASYNC and FLUSHALL SYNC free every value") {
        start().use { server ->
            // Frees reach the module on the main thread soon after the server frees the value.
            fun awaitFreed(expected: Long) {
                val deadline = System.currentTimeMillis() + 10_000
                while ((server.call("FIXTURE.FREED") as Long) < expected) {
                    check(System.currentTimeMillis() < deadline) { "only ${server.call("FIXTURE.FREED")} of $expected values freed" }
                    Thread.sleep(20)
                }
                server.call("FIXTURE.FREED") shouldBe expected
            }
            var created = 0L
            for (flush in listOf(arrayOf("FLUSHALL"), arrayOf("FLUSHALL", "ASYNC"), arrayOf("FLUSHALL", "SYNC"))) {
                repeat(300) { i -> server.call("FIXTURE.TSET", "v:$i", "100", "1") }
                created += 300
                server.call(*flush) shouldBe "OK"
                awaitFreed(created)
            }
            // Nothing stays behind in the module's table of values.
            server.info("fixture_jvm", "fixture_module_values") shouldBe "0"
            server.call("SET", "k", "v")
            server.call("FIXTURE.TSET", "k", "10", "1")
            server.call("FIXTURE.TSET", "k", "20", "1") // replacing a value frees the old one
            server.call("DEL", "k") shouldBe 1L
            awaitFreed(created + 2)
        }
    }
})
