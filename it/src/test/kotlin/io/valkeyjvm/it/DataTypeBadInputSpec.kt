package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.ValkeyServerStartException
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files
import java.nio.file.Path
import redis.clients.jedis.exceptions.JedisDataException

/** Damaged or foreign data gets a clear error; the server never crashes. */
class DataTypeBadInputSpec : FunSpec({
    timeout = 120_000

    fun start(dir: Path? = null, encodingVersion: Int = 0): ValkeyServer = ValkeyServer.start(valkeyServerConfig {
        module(Modules.fixture)
        if (dir != null) config("dir", dir.toString())
        env("FIXTURE_ENCVER", encodingVersion.toString())
    })

    test("a value of the type on a key of another type, and the other way round: WRONGTYPE") {
        start().use { server ->
            server.call("SET", "s", "x")
            server.errorReply("FIXTURE.TGET", "s") shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
            server.call("FIXTURE.TSET", "t", "3", "0")
            server.errorReply("GET", "t") shouldContain "WRONGTYPE"
            server.call("PING") shouldBe "PONG"
        }
    }

    test("a value saved by a newer encoding version: RESTORE fails cleanly and the log says why") {
        val payload = start(encodingVersion = 1).use { newer ->
            newer.call("FIXTURE.TSET", "k", "64", "3")
            newer.client.dump("k")
        }
        start().use { server ->
            shouldThrow<JedisDataException> { server.client.restore("k", 0, payload) }.message shouldContain "Bad data format"
            server.log() shouldContain "a value was saved with encoding version 1, newer than this module's 0"
            server.call("PING") shouldBe "PONG"
            server.call("FIXTURE.TGET", "k") shouldBe null
        }
    }

    test("a damaged DUMP payload is refused") {
        start().use { server ->
            server.call("FIXTURE.TSET", "k", "64", "3")
            val payload = server.client.dump("k")
            payload[payload.size / 2] = (payload[payload.size / 2] + 1).toByte()
            shouldThrow<JedisDataException> { server.client.restore("k2", 0, payload) }
            shouldThrow<JedisDataException> { server.client.restore("k3", 0, payload.copyOf(payload.size - 12)) }
            server.call("PING") shouldBe "PONG"
        }
    }

    test("save code that fails makes the save fail cleanly (never a damaged file), and nothing is lost") {
        start().use { server ->
            server.call("FIXTURE.TSET", "good", "100", "1")
            server.call("SAVE") shouldBe "OK"
            val saved = Files.readAllBytes(server.dir.resolve("dump.rdb"))
            server.call("FIXTURE.POISON", "on")
            server.call("FIXTURE.TSET", "bad", "100", "2")
            server.errorReply("SAVE") shouldContain "ERR"
            server.call("BGSAVE")
            awaitUntil("the BGSAVE to end") { server.info("persistence", "rdb_bgsave_in_progress") == "0" }
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "err"
            server.errorReply("DEBUG", "RELOAD") shouldContain "ERR"
            // The failed saves left the last good file alone, and every key is still here.
            Files.readAllBytes(server.dir.resolve("dump.rdb")).contentEquals(saved) shouldBe true
            server.call("DBSIZE") shouldBe 2L
            server.log() shouldContain "save poisoned by the test"
            server.log() shouldContain "the save fails"
            // Once the code works again, saving works again.
            server.call("FIXTURE.POISON", "off")
            server.call("SAVE") shouldBe "OK"
            server.call("DEBUG", "RELOAD") shouldBe "OK"
            server.call("DBSIZE") shouldBe 2L
            server.log() shouldNotContain "BUG REPORT"
        }
    }

    test("DEBUG OBJECT of a value whose save code fails answers, and the server keeps its data") {
        start().use { server ->
            server.call("FIXTURE.TSET", "good", "100", "1")
            server.call("FIXTURE.POISON", "on")
            server.call("FIXTURE.TSET", "bad", "100", "2")
            // The server measures the value's saved length with a save that writes nowhere, and stops if that save fails.
            server.call("DEBUG", "OBJECT", "bad").toString() shouldContain "serializedlength"
            server.call("PING") shouldBe "PONG"
            server.call("DBSIZE") shouldBe 2L
            server.log() shouldContain "DEBUG OBJECT's serializedlength leaves the value out"
            server.call("FIXTURE.POISON", "off")
            server.call("DEBUG", "RELOAD") shouldBe "OK"
            (server.client.sendCommand({ "FIXTURE.TGET".toByteArray() }, "bad".toByteArray()) as ByteArray).size shouldBe 100
            server.log() shouldNotContain "BUG REPORT"
        }
    }

    test("a truncated RDB file: a clean load error at start-up, no crash") {
        val saved = start()
        saved.use { server ->
            repeat(20) { i -> server.call("FIXTURE.TSET", "big:$i", "20000", i.toString()) }
            server.call("SAVE") shouldBe "OK"
        }
        val rdb = saved.dir.resolve("dump.rdb")
        val bytes = Files.readAllBytes(rdb)
        Files.write(rdb, bytes.copyOf(bytes.size / 2)) // cuts a value of the module's type in the middle
        val failure = shouldThrow<ValkeyServerStartException> { start(saved.dir).close() }
        failure.message shouldContain "Short read"
        failure.message shouldNotContain "crashed by signal"
        failure.message shouldNotContain "BUG REPORT"
    }
})
