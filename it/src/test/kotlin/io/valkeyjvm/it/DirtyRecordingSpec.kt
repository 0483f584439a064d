package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path

/**
 * The saves of changed values are recorded in slices on the main thread soon after the change,
 * so that a fork (BGSAVE, AOF rewrite, full sync) records only what changed in its last moments;
 * nothing changed is ever left out of a save.
 */
class DirtyRecordingSpec : FunSpec({
    timeout = 180_000

    fun start(dir: Path? = null, vararg jvmOptions: String): ValkeyServer = ValkeyServer.start(valkeyServerConfig {
        module(Modules.fixture, *jvmOptions.flatMap { listOf("jvm-option", it) }.toTypedArray())
        if (dir != null) config("dir", dir.toString())
    })

    fun ValkeyServer.toRecord(): Int = info("fixture_jvm", "fixture_module_values_to_record").toInt()

    fun ValkeyServer.blob(key: String): ByteArray = client.sendCommand({ "FIXTURE.TGET".toByteArray() }, key.toByteArray()) as ByteArray

    test("2000 values written: recorded soon without any save; changed again right before a BGSAVE, the file holds the change") {
        val first = start()
        first.use { server ->
            repeat(2000) { i -> server.call("FIXTURE.TSET", "blob:$i", "200", "5") }
            awaitUntil("the slices to record every value") { server.toRecord() == 0 }
            // Changed in place through a writable key, after their first recording; BGSAVE at once.
            repeat(100) { i -> server.call("FIXTURE.TFILL", "blob:$i") shouldBe "OK" }
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
            server.toRecord() shouldBe 0
        }
        start(first.dir).use { server ->
            server.call("DBSIZE") shouldBe 2000L
            // FIXTURE.TSET's payload starts with its seed, 5; FIXTURE.TFILL sets the first byte to 1.
            for (i in 0 until 2000) server.blob("blob:$i")[0] shouldBe (if (i < 100) 1.toByte() else 5.toByte())
        }
    }

    test("a value changed by a command after a save within it (call of DUMP, MEMORY USAGE, BGSAVE) keeps the change in the next save") {
        // Each save records the value (and clears its dirty mark) in the middle of the command that took it
        // through a writable key; the command changes it afterwards.
        val inner = mapOf("dump" to listOf("DUMP", "dump"), "memory" to listOf("MEMORY", "USAGE", "memory"), "bgsave" to listOf("BGSAVE"))
        val first = start()
        first.use { server ->
            for ((key, command) in inner) {
                server.call("FIXTURE.TSET", key, "200", "5")
                awaitUntil("the slices to record $key") { server.toRecord() == 0 }
                server.call("FIXTURE.TFILLAROUND", key, *command.toTypedArray()) shouldBe "OK"
                server.awaitBackgroundWork()
                server.blob(key)[0] shouldBe 1.toByte()
            }
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
        }
        start(first.dir).use { server ->
            // FIXTURE.TSET's payload starts with its seed, 5; FIXTURE.TFILLAROUND sets the first byte to 1.
            for (key in inner.keys) server.blob(key)[0] shouldBe 1.toByte()
        }
    }

    test("with -Dvalkeyjvm.recordSliceMicros=0 every value waits for the fork, which records them all") {
        val first = start(null, "-Dvalkeyjvm.recordSliceMicros=0")
        first.use { server ->
            repeat(500) { i -> server.call("FIXTURE.TSET", "blob:$i", "200", "2") }
            Thread.sleep(200)
            server.toRecord() shouldBe 500
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
            server.toRecord() shouldBe 0
        }
        start(first.dir).use { server -> server.call("DBSIZE") shouldBe 500L }
    }

    test("a value whose save fails is tried once in a slice, then left to the next save, which fails and says why") {
        start().use { server ->
            repeat(200) { i -> server.call("FIXTURE.TSET", "good:$i", "100", "3") }
            awaitUntil("the slices to record the good values") { server.toRecord() == 0 }
            server.call("FIXTURE.POISON", "on")
            server.call("FIXTURE.TSET", "bad", "100", "3")
            Thread.sleep(300)
            server.toRecord() shouldBe 1
            // Tried once, not in a loop: one failure in the log for it, not hundreds.
            server.log().split("save poisoned by the test").size - 1 shouldBeLessThan 3
            server.call("BGSAVE")
            awaitUntil("the BGSAVE to end") { server.info("persistence", "rdb_bgsave_in_progress") == "0" }
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "err"
            server.log() shouldContain "save poisoned by the test"
            server.call("FIXTURE.POISON", "off")
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
            server.toRecord() shouldBe 0
        }
    }
})
