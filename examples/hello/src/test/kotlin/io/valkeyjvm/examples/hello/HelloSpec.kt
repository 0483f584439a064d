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
            info[1] shouldBe 4L
            info.subList(3, 6) shouldBe listOf(1L, 1L, 1L)
        }
    }

    test("the server keeps answering after every error") {
        server.call("PING") shouldBe "PONG"
    }
})
