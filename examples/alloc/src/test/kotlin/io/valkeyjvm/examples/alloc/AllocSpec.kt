package io.valkeyjvm.examples.alloc

import io.kotest.assertions.withClue
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val modulePath: Path = moduleDir.resolve("alloc.so")

private fun ValkeyServer.digest(key: String): String = (call("DEBUG", "DIGEST-VALUE", key) as List<*>).single() as String

/** A server with the alloc module, in [dir] if given (to load what an earlier server saved there). */
private fun startAlloc(dir: Path? = null, vararg directives: Pair<String, String>): ValkeyServer =
    ValkeyServer.start(
        valkeyServerConfig {
            module(modulePath)
            if (dir != null) config("dir", dir.toString())
            config(*directives)
        },
    )

class AllocSpec : FunSpec({
    timeout = 180_000
    val server = install(valkeyServer(ValkeyModuleLoad(modulePath)))

    beforeEach { server.call("FLUSHALL") }

    test("the module is listed under its name and version") {
        server.modules()["alloc"] shouldBe 1L
    }

    context("ALLOC.SET") {
        test("on an empty key creates n bytes 'A' and replies n") {
            server.call("ALLOC.SET", "k", "5") shouldBe 5L
            server.call("ALLOC.GET", "k") shouldBe "AAAAA"
            server.call("TYPE", "k") shouldBe "mytype123"
            server.call("EXISTS", "k") shouldBe 1L
        }
        test("on an existing value overwrites it with n bytes 'B', shorter or longer") {
            server.call("ALLOC.SET", "k", "5") shouldBe 5L
            server.call("ALLOC.SET", "k", "3") shouldBe 3L
            server.call("ALLOC.GET", "k") shouldBe "BBB"
            server.call("ALLOC.SET", "k", "8") shouldBe 8L
            server.call("ALLOC.GET", "k") shouldBe "BBBBBBBB"
        }
        test("n = 0 makes an empty value, which still exists and is then overwritten") {
            server.call("ALLOC.SET", "k", "0") shouldBe 0L
            server.call("ALLOC.GET", "k") shouldBe ""
            server.call("EXISTS", "k") shouldBe 1L
            server.call("ALLOC.SET", "k", "2") shouldBe 2L
            server.call("ALLOC.GET", "k") shouldBe "BB"
        }
        test("after DEL the key starts again with 'A'") {
            server.call("ALLOC.SET", "k", "2")
            server.call("DEL", "k") shouldBe 1L
            server.call("ALLOC.GET", "k") shouldBe null
            server.call("ALLOC.SET", "k", "2")
            server.call("ALLOC.GET", "k") shouldBe "AA"
        }
        test("values of several megabytes") {
            val size = 8 * 1024 * 1024
            server.call("ALLOC.SET", "big", size.toString()) shouldBe size.toLong()
            (server.command("ALLOC.GET", "big") as ByteArray).let { bytes ->
                bytes.size shouldBe size
                bytes.all { it == 'A'.code.toByte() } shouldBe true
            }
        }
        test("n that is not a non-negative integer is an error, and no key is created") {
            for (bad in listOf("-1", "abc", "1.5", " 3", "+3", "03", "", "99999999999999999999")) {
                withClue("n = '$bad'") { server.errorReply("ALLOC.SET", "k", bad) shouldBe "ERR invalid size: must be a non-negative integer" }
            }
            server.call("EXISTS", "k") shouldBe 0L
        }
        test("n above 512 MB is an error, and an existing value stays") {
            server.errorReply("ALLOC.SET", "k", "536870913") shouldBe "ERR invalid size: at most 536870912 bytes (512 MB)"
            server.errorReply("ALLOC.SET", "k", Long.MAX_VALUE.toString()) shouldContain "at most 536870912 bytes"
            server.call("EXISTS", "k") shouldBe 0L
            server.call("ALLOC.SET", "k", "1")
            server.errorReply("ALLOC.SET", "k", "536870913") shouldContain "at most"
            server.call("ALLOC.GET", "k") shouldBe "A"
        }
        test("WRONGTYPE on a key of another type, which stays as it was") {
            server.call("SET", "s", "v")
            server.errorReply("ALLOC.SET", "s", "3") shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
            server.call("GET", "s") shouldBe "v"
            server.call("RPUSH", "l", "x")
            server.errorReply("ALLOC.SET", "l", "3") shouldContain "WRONGTYPE"
        }
        test("a bad n is reported before the key's type, as in the original") {
            server.call("SET", "s", "v")
            server.errorReply("ALLOC.SET", "s", "x") shouldContain "invalid size"
        }
        test("wrong arity") {
            server.errorReply("ALLOC.SET", "k") shouldContain "wrong number of arguments for 'alloc.set' command"
            server.errorReply("ALLOC.SET", "k", "1", "2") shouldContain "wrong number of arguments for 'alloc.set' command"
        }
    }

    context("ALLOC.GET") {
        test("a missing key is null") {
            server.call("ALLOC.GET", "missing") shouldBe null
        }
        test("WRONGTYPE on a key of another type") {
            server.call("SET", "s", "v")
            server.errorReply("ALLOC.GET", "s") shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
            server.call("HSET", "h", "f", "v")
            server.errorReply("ALLOC.GET", "h") shouldContain "WRONGTYPE"
        }
        test("wrong arity") {
            server.errorReply("ALLOC.GET") shouldContain "wrong number of arguments for 'alloc.get' command"
            server.errorReply("ALLOC.GET", "a", "b") shouldContain "wrong number of arguments for 'alloc.get' command"
        }
    }

    test("COMMAND INFO shows the arity, flags and key positions") {
        for ((name, arity, flag) in listOf(Triple("alloc.set", 3L, "write"), Triple("alloc.get", 2L, "readonly"))) {
            val info = (server.call("COMMAND", "INFO", name) as List<*>).single() as List<*>
            info[0] shouldBe name
            info[1] shouldBe arity
            // The server adds "module" to every module command's flags.
            (info[2] as List<*>).toSet() shouldBe setOf(flag, "module")
            info.subList(3, 6) shouldBe listOf(1L, 1L, 1L)
        }
        server.call("COMMAND", "GETKEYS", "ALLOC.SET", "thekey", "3") shouldBe listOf("thekey")
    }

    test("MEMORY USAGE is positive and grows with the value") {
        server.call("ALLOC.SET", "small", "10")
        server.call("ALLOC.SET", "large", "100000")
        val small = server.call("MEMORY", "USAGE", "small") as Long
        val large = server.call("MEMORY", "USAGE", "large") as Long
        small shouldBeGreaterThan 0L
        large shouldBeGreaterThan small + 99_000L
    }

    test("DEBUG DIGEST-VALUE follows the bytes: same bytes same digest, 'A' and 'B' differ") {
        server.call("ALLOC.SET", "a1", "4")
        server.call("ALLOC.SET", "a2", "4")
        server.call("ALLOC.SET", "a3", "5")
        server.call("ALLOC.SET", "b", "1")
        server.call("ALLOC.SET", "b", "4")
        server.digest("a1") shouldBe server.digest("a2")
        server.digest("a1") shouldNotBe server.digest("a3")
        server.digest("a1") shouldNotBe server.digest("b")
        server.digest("a1") shouldNotBe "0".repeat(40)
    }

    test("values and digests survive DEBUG RELOAD, and stay writable afterwards") {
        val expected = mapOf("a" to "A".repeat(7), "b" to "B".repeat(3), "empty" to "", "big" to "A".repeat(1 shl 20))
        server.call("ALLOC.SET", "a", "7")
        server.call("ALLOC.SET", "b", "9")
        server.call("ALLOC.SET", "b", "3")
        server.call("ALLOC.SET", "empty", "0")
        server.call("ALLOC.SET", "big", (1 shl 20).toString())
        val digests = expected.keys.associateWith { server.digest(it) }
        server.call("DEBUG", "RELOAD") shouldBe "OK"
        expected.forEach { (key, value) -> withClue(key) { server.call("ALLOC.GET", key) shouldBe value } }
        expected.keys.associateWith { server.digest(it) } shouldBe digests
        server.call("ALLOC.SET", "a", "2") shouldBe 2L
        server.call("DEBUG", "RELOAD") shouldBe "OK"
        server.call("ALLOC.GET", "a") shouldBe "BB"
        server.call("DBSIZE") shouldBe 4L
    }

    context("restarts") {
        test("values survive BGSAVE and a restart in the same directory; later changes are not in the file") {
            val first = startAlloc()
            val expected = mapOf("a" to "A".repeat(10), "b" to "B".repeat(4), "empty" to "", "big" to "B".repeat(32 shl 20))
            val digests: Map<String, String>
            first.use { s ->
                s.call("ALLOC.SET", "a", "10")
                s.call("ALLOC.SET", "b", "1")
                s.call("BGSAVE")
                s.awaitBackgroundWork()
                // Changed after the first save: the second one must record the change.
                s.call("ALLOC.SET", "b", "4")
                s.call("ALLOC.SET", "empty", "0")
                s.call("ALLOC.SET", "big", "1")
                s.call("ALLOC.SET", "big", (32 shl 20).toString())
                digests = expected.keys.associateWith { s.digest(it) }
                s.call("BGSAVE")
                s.awaitBackgroundWork()
                // Changed after the last save: must not be in the file.
                s.call("ALLOC.SET", "a", "1")
                s.call("ALLOC.SET", "after", "1")
            }
            Files.isRegularFile(first.dir.resolve("dump.rdb")) shouldBe true
            startAlloc(first.dir).use { s ->
                s.call("DBSIZE") shouldBe expected.size.toLong()
                expected.forEach { (key, value) -> withClue(key) { s.call("ALLOC.GET", key) shouldBe value } }
                expected.keys.associateWith { s.digest(it) } shouldBe digests
                (s.call("MEMORY", "USAGE", "a") as Long) shouldBeGreaterThan 0L
                s.log() shouldNotContain "BUG REPORT"
            }
            first.log() shouldNotContain "BUG REPORT"
        }

        test("ALLOC.SET is written to the AOF and replays on a restart") {
            val first = startAlloc(null, "appendonly" to "yes")
            first.use { s ->
                s.awaitBackgroundWork()
                s.call("ALLOC.SET", "a", "3")
                s.call("ALLOC.SET", "b", "1")
                s.call("ALLOC.SET", "b", "2")
            }
            startAlloc(first.dir, "appendonly" to "yes").use { s ->
                s.call("ALLOC.GET", "a") shouldBe "AAA"
                s.call("ALLOC.GET", "b") shouldBe "BB"
                s.log() shouldNotContain "BUG REPORT"
            }
        }
    }

    test("the server keeps answering after every error") {
        server.call("PING") shouldBe "PONG"
    }
})
