package io.valkeyjvm.examples.hellotype

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotContain

/**
 * Every way the server persists module values keeps them: on the main thread (DEBUG RELOAD) and
 * in fork children (BGSAVE, BGREWRITEAOF with and without the RDB preamble), then a restart.
 */
class HelloTypePersistenceSpec : FunSpec({
    timeout = 120_000

    test("DEBUG RELOAD keeps every value and its digest") {
        startHelloType().use { server ->
            val expected = server.fill(60)
            val digests = server.digests(expected.keys)
            server.call("DEBUG", "RELOAD") shouldBe "OK"
            server.contents(expected.keys) shouldBe expected
            server.digests(expected.keys) shouldBe digests
        }
    }

    test("BGSAVE, then a restart, keeps every value") {
        val first = startHelloType()
        val expected: Map<String, List<Long>>
        val digests: Map<String, Any?>
        first.use { server ->
            expected = server.fill(60)
            digests = server.digests(expected.keys)
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            // Changed after the save: must not be in the file.
            server.call("HELLOTYPE.INSERT", "list:0", "424242")
        }
        startHelloType(first.dir).use { server ->
            server.contents(expected.keys) shouldBe expected
            server.digests(expected.keys) shouldBe digests
            server.log() shouldNotContain "BUG REPORT"
        }
        first.log() shouldNotContain "BUG REPORT"
    }

    for (preamble in listOf("yes", "no")) {
        test("BGREWRITEAOF with aof-use-rdb-preamble $preamble, then a restart, keeps every value") {
            val first = startHelloType(null, "appendonly" to "yes", "aof-use-rdb-preamble" to preamble)
            val expected: Map<String, List<Long>>
            first.use { server ->
                server.awaitBackgroundWork()
                val before = server.fill(40, prefix = "aof")
                server.call("BGREWRITEAOF")
                server.awaitBackgroundWork()
                // Written after the rewrite: reaches the file through the AOF's incremental part.
                server.call("HELLOTYPE.INSERT", "aof:1", "7")
                server.call("HELLOTYPE.INSERT", "after", "8")
                expected = before + mapOf("aof:1" to (before.getValue("aof:1") + 7L).sorted(), "after" to listOf(8L))
            }
            startHelloType(first.dir, "appendonly" to "yes").use { server ->
                server.contents(expected.keys) shouldBe expected
            }
            first.log() shouldNotContain "BUG REPORT"
        }
    }
})
