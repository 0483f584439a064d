package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/** Keyspace and key scans, the server dictionary and strings with numbers and NUL bytes, in a live server. */
class ScanSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.scan)))

    fun strings(reply: Any?): List<String> = (reply as List<*>).map { it as String }

    context("keyspace scan") {
        test("sees every key once in one call, NUL bytes in names included") {
            server.call("FLUSHALL")
            val names = (1..300).map { "k:$it" } + "nul\u0000key"
            names.forEach { server.call("SET", it, "v") }
            strings(server.call("SCANFX.KEYS")) shouldContainExactlyInAnyOrder names
        }
        test("a Sequence read in part takes only what it needs") {
            strings(server.call("SCANFX.KEYSEQ", "k:", "5")) shouldHaveSize 5
            strings(server.call("SCANFX.KEYSEQ", "nope:", "5")) shouldBe emptyList()
        }
        test("a cursor kept between calls goes on where it was, and restarts") {
            // One step visits a few of the server's buckets, which may all be empty.
            fun scanFromStart(): Pair<Int, Set<String>> {
                val seen = HashSet<String>()
                var steps = 0
                var reply = server.call("SCANFX.STEP", "restart") as List<*>
                while (true) {
                    steps++
                    seen += reply.drop(1).map { it as String }
                    if (reply[0] == 0L || steps > 1000) break
                    reply = server.call("SCANFX.STEP") as List<*>
                }
                return steps to seen
            }
            val (steps, seen) = scanFromStart()
            (steps > 1) shouldBe true
            seen shouldHaveSize 301
            server.call("SCANFX.STEP") shouldBe listOf(0L)   // done until restarted
            scanFromStart().second shouldBe seen
        }
        test("the action may delete keys while the scan goes on") {
            server.call("SCANFX.DELPREFIX", "k:") shouldBe 300L
            strings(server.call("SCANFX.KEYS")) shouldBe listOf("nul\u0000key")
        }
    }

    context("key scan") {
        test("a hash gives fields and values, small (listpack) and big (hashtable)") {
            server.call("HSET", "small", "f1", "v1", "f\u00002", "1")
            strings(server.call("SCANFX.ELEMENTS", "small")).chunked(2).map { it[0] to it[1] } shouldContainExactlyInAnyOrder
                listOf("f1" to "v1", "f\u00002" to "1")
            val fields = (1..500).flatMap { listOf("f$it", "v$it") }
            server.call("HSET", "big", *fields.toTypedArray())
            strings(server.call("SCANFX.ELEMENTSJAVA", "big")).chunked(2).map { it[0] to it[1] } shouldContainExactlyInAnyOrder
                fields.chunked(2).map { it[0] to it[1] }
        }
        test("a sorted set gives members and scores; a cursor goes on between calls") {
            server.call("ZADD", "z", "1", "a", "2.5", "b", "-3", "c")
            strings(server.call("SCANFX.ELEMENTS", "z")).chunked(2).map { it[0] to it[1] } shouldContainExactlyInAnyOrder
                listOf("a" to "1", "b" to "2.5", "c" to "-3")
            server.call("SADD", "bigset", *(1..400).map { "m$it" }.toTypedArray())
            val members = ArrayList<String>()
            var steps = 0
            do {
                val reply = server.call("SCANFX.ELEMENTSTEP", "bigset") as List<*>
                members += (reply[1] as List<*>).chunked(2).map { it[0] as String }
                steps++
            } while (reply[0] == 1L && steps < 1000)
            (steps > 1) shouldBe true
            members.toSet() shouldBe (1..400).map { "m$it" }.toSet()
        }
        test("a set member has no value: null in RESP2 and RESP3") {
            server.call("SADD", "s", "x")
            RawResp(server.host, server.port, 2).use { it.exchange("SCANFX.ELEMENTS", "s") shouldBe "*2\r\n\$1\r\nx\r\n\$-1\r\n" }
            RawResp(server.host, server.port, 3).use { it.exchange("SCANFX.ELEMENTS", "s") shouldBe "*2\r\n\$1\r\nx\r\n_\r\n" }
        }
        test("an empty key has no elements; another type is WRONGTYPE, and the server goes on") {
            strings(server.call("SCANFX.ELEMENTS", "missing")) shouldBe emptyList()
            server.call("SET", "str", "v")
            server.errorReply("SCANFX.ELEMENTS", "str") shouldStartWith "WRONGTYPE"
            server.call("RPUSH", "list", "a")
            server.errorReply("SCANFX.ELEMENTSJAVA", "list") shouldStartWith "WRONGTYPE"
            server.call("PING") shouldBe "PONG"
        }
    }

    context("server dictionary") {
        test("set, get, replace, set-if-absent, delete, size; keys and values binary-safe") {
            server.call("SCANFX.DGET", "a") shouldBe null
            server.call("SCANFX.DSET", "a", "1") shouldBe "OK"
            server.call("SCANFX.DSET", "a", "2") shouldBe "OK"
            server.call("SCANFX.DGET", "a") shouldBe "2"
            server.call("SCANFX.DSETNX", "a", "3") shouldBe 0L
            server.call("SCANFX.DSETNX", "b\u0000", "x\u0000y") shouldBe 1L
            server.call("SCANFX.DGET", "b\u0000") shouldBe "x\u0000y"
            server.call("SCANFX.DGET", "b") shouldBe null
            server.call("SCANFX.DSIZE") shouldBe 2L
            server.call("SCANFX.DDEL", "a") shouldBe 1L
            server.call("SCANFX.DDEL", "a") shouldBe 0L
            server.call("SCANFX.DSIZE") shouldBe 1L
            (server.call("SCANFX.DMEM") as Long) shouldBeGreaterThan 0L
        }
        test("ranges and walks in byte order, both ways, with every operator") {
            server.call("SCANFX.DCLEAR")
            for (k in listOf("a", "b", "c", "d", "e", "\u00ff")) server.call("SCANFX.DSET", k, "v$k")
            strings(server.call("SCANFX.DRANGE", "b", "d", "10")) shouldBe listOf("b", "c", "d")
            strings(server.call("SCANFX.DRANGE", "b", "zz", "2")) shouldBe listOf("b", "c")
            strings(server.call("SCANFX.DRANGE", "x", "a", "10")) shouldBe emptyList()
            fun walk(op: String, key: String, dir: String) = strings(server.call("SCANFX.DWALK", op, key, dir, "10"))
            walk("^", "", "next") shouldBe listOf("a", "b", "c", "d", "e", "\u00ff")
            walk("$", "", "prev") shouldBe listOf("\u00ff", "e", "d", "c", "b", "a")
            walk(">", "c", "next") shouldBe listOf("d", "e", "\u00ff")
            walk(">=", "c", "next") shouldBe listOf("c", "d", "e", "\u00ff")
            walk("<", "c", "prev") shouldBe listOf("b", "a")
            walk("<=", "c", "prev") shouldBe listOf("c", "b", "a")
            walk("==", "c", "next") shouldBe listOf("c", "d", "e", "\u00ff")
            walk("==", "cc", "next") shouldBe emptyList()
            server.errorReply("SCANFX.DWALK", "~", "c", "next", "1") shouldStartWith "ERR not a dictionary operator"
        }
        test("next and previous move from the current key, as the server's iterator does") {
            server.call("SCANFX.DZIGZAG", "a") shouldBe listOf("a", "b", "a", null, 1L)
            server.call("SCANFX.DZIGZAG", "") shouldBe listOf("a", "b", "a", null, 0L)
        }
        test("an iterator survives deletions and insertions behind it") {
            strings(server.call("SCANFX.DWALKDEL")) shouldBe listOf("a", "b", "c", "d", "e", "\u00ff")
            strings(server.call("SCANFX.DWALK", "^", "", "next", "10")) shouldBe listOf("", "a", "c", "e")
        }
    }

    context("strings") {
        test("NUL bytes survive a round trip through a command, the keyspace and back") {
            val value = "\u0000a\u0000\u0000b\u0000"
            server.call("SCANFX.ROUNDTRIP", "nul\u0000k", value) shouldBe value
            server.call("GET", "nul\u0000k") shouldBe value
            server.call("SCANFX.CONCAT", "\u0000", "x\u0000", "", "\u0000") shouldBe "\u0000x\u0000\u0000"
        }
        test("doubles are written as the server writes them") {
            for (text in listOf("1.5", "3", "0.1", "1e+300", "-0.000123", "1e-7", "123456.789", "inf")) {
                server.call("ZADD", "scores", text, "m")
                val serverText = server.call("ZSCORE", "scores", "m") as String
                server.call("SCANFX.DOUBLE", text) shouldBe serverText
            }
        }
        test("unsigned and exact decimal numbers, with clear errors for bad input") {
            server.call("SCANFX.UNSIGNED", "18446744073709551615") shouldBe "18446744073709551615"
            server.errorReply("SCANFX.UNSIGNED", "-1") shouldBe "ERR value is not an unsigned integer or out of range"
            server.errorReply("SCANFX.UNSIGNED", "18446744073709551616") shouldBe "ERR value is not an unsigned integer or out of range"
            server.call("SCANFX.DECIMAL", "123456789012345678901234567890.10") shouldBe "123456789012345678901234567890.1"
            server.errorReply("SCANFX.DECIMAL", "1.2.3") shouldBe "ERR value is not a valid float"
            server.errorReply("SCANFX.DOUBLE", "nan") shouldBe "ERR value is not a valid float"
            server.call("PING") shouldBe "PONG"
        }
    }

    test("the dictionary's values are server memory, and MODULE UNLOAD frees it; the module loads again") {
        fun usedMemory() = server.info("memory", "used_memory").toLong()
        server.call("SCANFX.DCLEAR")
        val before = usedMemory()
        val value = "v".repeat(1024)
        for (i in 1..2000) server.call("SCANFX.DSET", "key:$i", value)
        val filled = usedMemory()
        (filled - before) shouldBeGreaterThan 2_000_000L
        server.call("SCANFX.STEP", "restart")
        server.call("MODULE", "UNLOAD", "scanfx") shouldBe "OK"
        (filled - usedMemory()) shouldBeGreaterThan 2_000_000L
        server.moduleLoad(Modules.scan) shouldBe null
        server.call("SCANFX.DSIZE") shouldBe 0L
        server.call("SCANFX.DSET", "a", "1") shouldBe "OK"
        server.call("SCANFX.DGET", "a") shouldBe "1"
    }
})
