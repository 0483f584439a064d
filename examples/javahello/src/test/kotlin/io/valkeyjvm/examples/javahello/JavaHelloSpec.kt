package io.valkeyjvm.examples.javahello

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import kotlin.random.Random
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val helloModule: Path = moduleDir.resolve("../../hello/target/hello.so")
private val ECHO = ProtocolCommand { "JAVAHELLO.ECHO".toByteArray() }

class JavaHelloSpec : FunSpec({
    timeout = 60_000
    // The Java module and the Kotlin one, in one server and so in one JVM.
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("javahello.so")), ValkeyModuleLoad(helloModule)))

    fun echo(bytes: ByteArray): ByteArray = server.client.sendCommand(ECHO, bytes) as ByteArray

    test("JAVAHELLO.ECHO replies its argument byte for byte") {
        echo("hello".toByteArray()).decodeToString() shouldBe "hello"
        echo(ByteArray(0)).size shouldBe 0
        val everyByte = ByteArray(256) { it.toByte() }
        echo(everyByte).toList() shouldBe everyByte.toList()
        val notUtf8 = byteArrayOf(-61, 40, -1, 0, 13, 10)
        echo(notUtf8).toList() shouldBe notUtf8.toList()
    }

    test("large values pass through") {
        val big = Random(7).nextBytes(4 * 1024 * 1024)
        echo(big).contentEquals(big) shouldBe true
    }

    test("RESP3 clients get the same bulk string") {
        server.newClient(RedisProtocol.RESP3).use { client ->
            (client.sendCommand(ECHO, "ünïcode".toByteArray()) as ByteArray).decodeToString() shouldBe "ünïcode"
        }
    }

    test("wrong arity") {
        shouldThrow<JedisDataException> { server.command("JAVAHELLO.ECHO") }.message shouldContain
            "wrong number of arguments for 'javahello.echo' command"
        shouldThrow<JedisDataException> { server.command("JAVAHELLO.ECHO", "a", "b") }.message shouldContain "wrong number of arguments"
    }

    test("COMMAND DOCS shows the summary and COMMAND INFO the flags") {
        decodeReply(server.command("COMMAND", "DOCS", "javahello.echo")).toString() shouldContain "Replies with its argument, byte for byte."
        decodeReply(server.command("COMMAND", "INFO", "javahello.echo")).toString() shouldContain "fast"
    }

    test("both modules answer from the same server") {
        decodeReply(server.command("HELLO.LEFTPAD", "foo", "6", "x")) shouldBe "xxxfoo"
        decodeReply(server.command("JAVAHELLO.ECHO", "x")) shouldBe "x"
        val names = server.modules().keys
        names.toSet() shouldBe setOf("helloworld", "javahello")
    }
})
