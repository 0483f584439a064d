package io.valkeyjvm.examples.hello

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class HelloSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("hello.so"))))

    fun error(vararg args: String): String = server.errorReply(*args)

    test("the module is listed under its name and version") {
        server.modules()["helloworld"] shouldBe 1L
    }

    context("HELLO.SIMPLE") {
        test("replies the selected database, ignoring any arguments") {
            server.call("HELLO.SIMPLE") shouldBe 0L
            server.call("HELLO.SIMPLE", "ignored", "too") shouldBe 0L
            server.newClient().use { client ->
                client.select(5)
                client.sendCommand(ProtocolCommand { "HELLO.SIMPLE".toByteArray() }) shouldBe 5L
            }
        }
    }

    context("HELLO.RAND.ARRAY") {
        test("replies count non-negative integers") {
            val numbers = server.call("HELLO.RAND.ARRAY", "5") as List<*>
            numbers shouldHaveSize 5
            numbers.forEach { (it as Long) shouldBeGreaterThanOrEqual 0L }
            server.call("HELLO.RAND.ARRAY", "0") shouldBe emptyList<Any>()
        }
        test("a count that is not a non-negative integer is an error") {
            for (bad in listOf("-1", "abc", "1.5", " 3", "99999999999999999999")) error("HELLO.RAND.ARRAY", bad) shouldBe "ERR invalid count"
        }
        test("wrong arity") {
            error("HELLO.RAND.ARRAY") shouldContain "wrong number of arguments for 'hello.rand.array' command"
            error("HELLO.RAND.ARRAY", "1", "2") shouldContain "wrong number of arguments"
        }
    }

    context("HELLO.LEFTPAD") {
        test("pads on the left to the length") {
            server.call("HELLO.LEFTPAD", "foo", "6", "x") shouldBe "xxxfoo"
            server.call("HELLO.LEFTPAD", "", "3", "-") shouldBe "---"
        }
        test("a string already long enough comes back as is, whatever the padding") {
            server.call("HELLO.LEFTPAD", "foo", "3", "x") shouldBe "foo"
            server.call("HELLO.LEFTPAD", "foobar", "2", "too-long") shouldBe "foobar"
            server.call("HELLO.LEFTPAD", "foo", "0", "x") shouldBe "foo"
        }
        test("is binary safe: bytes pass through untouched") {
            val raw = byteArrayOf(0, -1, 10, 13)
            val reply = server.client.sendCommand(ProtocolCommand { "HELLO.LEFTPAD".toByteArray() },
                raw, "6".toByteArray(), byteArrayOf(0)) as ByteArray
            reply.toList() shouldBe listOf<Byte>(0, 0, 0, -1, 10, 13)
        }
        test("errors") {
            error("HELLO.LEFTPAD", "foo", "-1", "x") shouldBe "ERR invalid padding length"
            error("HELLO.LEFTPAD", "foo", "six", "x") shouldBe "ERR invalid padding length"
            error("HELLO.LEFTPAD", "foo", "6", "xy") shouldBe "ERR padding must be a single char"
            error("HELLO.LEFTPAD", "foo", "6", "") shouldBe "ERR padding must be a single char"
            error("HELLO.LEFTPAD", "foo", "99999999999", "x") shouldBe "ERR invalid padding length"
            error("HELLO.LEFTPAD", "foo", "6") shouldContain "wrong number of arguments for 'hello.leftpad' command"
        }
        test("COMMAND INFO shows the arity, flags and key positions") {
            val info = (server.call("COMMAND", "INFO", "hello.leftpad") as List<*>).single() as List<*>
            info[0] shouldBe "hello.leftpad"
            info[1] shouldBe -1L
            info.subList(3, 6) shouldBe listOf(1L, 1L, 1L)
        }
    }

    context("the list, string, sorted set and hash commands (compared byte for byte with helloworld.c on 9.1.2)") {
        test("HELLO.PUSH.NATIVE, PUSH.CALL and PUSH.CALL2 push; a wrong type gives the key's length, LLONG_MIN and the error") {
            server.call("HELLO.PUSH.NATIVE", "l", "a") shouldBe 1L
            server.call("HELLO.PUSH.CALL", "l", "bb") shouldBe 2L
            server.call("HELLO.PUSH.CALL2", "l", "ccc") shouldBe 3L
            server.call("SET", "s", "abcd")
            server.call("HELLO.PUSH.NATIVE", "s", "x") shouldBe 4L
            server.call("HELLO.PUSH.CALL", "s", "x") shouldBe Long.MIN_VALUE
            error("HELLO.PUSH.CALL2", "s", "x") shouldContain "WRONGTYPE"
            server.call("HELLO.LIST.SUM.LEN", "l") shouldBe 6L
        }
        test("HELLO.LIST.SPLICE and SPLICE.AUTO move elements from the tail of one list to the head of another") {
            server.call("HELLO.LIST.SPLICE", "l", "m", "2") shouldBe 1L
            server.call("LRANGE", "m", "0", "-1") shouldBe listOf("bb", "ccc")
            server.call("HELLO.LIST.SPLICE.AUTO", "l", "m", "10") shouldBe 0L
            server.call("LRANGE", "m", "0", "-1") shouldBe listOf("a", "bb", "ccc")
            error("HELLO.LIST.SPLICE", "m", "l", "-1") shouldBe "ERR invalid count"
            error("HELLO.LIST.SPLICE", "s", "l", "1") shouldContain "WRONGTYPE"
        }
        test("HELLO.REPL1 and REPL2 write; REPL2 adds one to each element") {
            server.call("HELLO.REPL1") shouldBe 0L
            server.call("GET", "foo") shouldBe "1"
            server.call("RPUSH", "n", "1", "x", "5")
            server.call("HELLO.REPL2", "n") shouldBe 9L
            server.call("LRANGE", "n", "0", "-1") shouldBe listOf("2", "1", "6")
            error("HELLO.REPL2", "nokey") shouldContain "WRONGTYPE"
        }
        test("HELLO.TOGGLE.CASE swaps ASCII case keeping the time to live; HELLO.MORE.EXPIRE adds to it") {
            server.call("SET", "t", "aBc1-Z", "EX", "1000")
            server.call("HELLO.TOGGLE.CASE", "t") shouldBe "OK"
            server.call("GET", "t") shouldBe "AbC1-z"
            server.call("HELLO.MORE.EXPIRE", "t", "100000") shouldBe "OK"
            (server.call("TTL", "t") as Long) shouldBeGreaterThanOrEqual 1090L
            error("HELLO.MORE.EXPIRE", "t", "x") shouldBe "ERR invalid expire time"
        }
        test("HELLO.ZSUMRANGE sums scores both ways; HELLO.LEXRANGE lists a lexicographic range") {
            server.call("ZADD", "z", "1", "a", "2.5", "b", "10", "c")
            server.call("HELLO.ZSUMRANGE", "z", "0", "5") shouldBe listOf("3.5", "3.5")
            error("HELLO.ZSUMRANGE", "z", "x", "5") shouldBe "ERR invalid range"
            server.call("HELLO.LEXRANGE", "z", "[a", "(c", "", "") shouldBe listOf("a", "b")
            error("HELLO.LEXRANGE", "z", "a", "c", "", "") shouldBe "invalid range"
        }
        test("HELLO.HCOPY copies a field's value, 1 if there was one") {
            server.call("HSET", "h", "f", "v")
            server.call("HELLO.HCOPY", "h", "f", "g") shouldBe 1L
            server.call("HGET", "h", "g") shouldBe "v"
            server.call("HELLO.HCOPY", "h", "nope", "x") shouldBe 0L
            error("HELLO.HCOPY", "s", "f", "g") shouldContain "WRONGTYPE"
        }
    }

    test("the server keeps answering after every error") {
        server.call("PING") shouldBe "PONG"
    }
})
