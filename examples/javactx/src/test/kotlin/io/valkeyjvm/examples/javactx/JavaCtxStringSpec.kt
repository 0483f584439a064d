package io.valkeyjvm.examples.javactx

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val APPEND = ProtocolCommand { "JAVACTX.STR.APPEND".toByteArray() }
private val REVERSE = ProtocolCommand { "JAVACTX.STR.REVERSE".toByteArray() }
private val COMPARE = ProtocolCommand { "JAVACTX.STR.COMPARE".toByteArray() }

/** ValkeyString from Java: numbers in and out by the server's rules, clear errors, byte order, bytes kept exactly. */
class JavaCtxStringSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("javactx.so"))))

    fun bytesOf(command: ProtocolCommand, vararg args: ByteArray): ByteArray = server.client.sendCommand(command, *args) as ByteArray

    test("JAVACTX.STR.INCRBY adds two 64-bit integers and replies the sum as a string") {
        server.call("JAVACTX.STR.INCRBY", "40", "2") shouldBe "42"
        server.call("JAVACTX.STR.INCRBY", "-9223372036854775808", "0") shouldBe "-9223372036854775808"
        server.call("JAVACTX.STR.INCRBY", "5", "-7") shouldBe "-2"
    }

    test("numbers parse by the server's rules; bad input is an error that names the argument, and PING still answers") {
        server.errorReply("JAVACTX.STR.INCRBY", "1", "abc") shouldBe "ERR 'increment' is not an integer or out of range"
        for (notAnInteger in listOf(" 1", "01", "+1", "1.0", "", "9223372036854775808", "1\u00002"))
            server.errorReply("JAVACTX.STR.INCRBY", notAnInteger, "1") shouldBe "ERR 'number' is not an integer or out of range"
        server.errorReply("JAVACTX.STR.INCRBY", "9223372036854775807", "1") shouldBe "ERR increment or decrement would overflow"
        server.errorReply("JAVACTX.STR.INCRBYFLOAT", "1.5", "one") shouldBe "ERR 'increment' is not a valid float"
        server.errorReply("JAVACTX.STR.INCRBYFLOAT", "nan", "1") shouldBe "ERR 'number' is not a valid float"
        server.errorReply("JAVACTX.STR.INCRBYFLOAT", "inf", "1") shouldBe "ERR increment would produce NaN or Infinity"
        server.errorReply("JAVACTX.STR.INCRBYFLOAT", "1e308", "1e308") shouldBe "ERR increment would produce NaN or Infinity"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVACTX.STR.INCRBYFLOAT writes doubles as the server does: integral values as integers, others in their shortest form") {
        server.call("JAVACTX.STR.INCRBYFLOAT", "1.5", "1.5") shouldBe "3"
        server.call("JAVACTX.STR.INCRBYFLOAT", "10", "-0.25") shouldBe "9.75"
        server.call("JAVACTX.STR.INCRBYFLOAT", "1e300", "0") shouldBe "1e+300"
        server.call("JAVACTX.STR.INCRBYFLOAT", "-0.5", "0") shouldBe "-0.5"
        // Shortest, yet exact: the server reads back the same double and writes it the same way.
        val written = server.call("JAVACTX.STR.INCRBYFLOAT", "0.1", "0.2") as String
        written shouldBe "0.30000000000000004"
        server.call("SET", "f", written)
        server.call("INCRBYFLOAT", "f", "0") shouldBe written
    }

    test("JAVACTX.STR.COMPARE orders byte by byte, unsigned, as the server sorts strings") {
        server.call("JAVACTX.STR.COMPARE", "apple", "banana") shouldBe -1L
        server.call("JAVACTX.STR.COMPARE", "banana", "apple") shouldBe 1L
        server.call("JAVACTX.STR.COMPARE", "same", "same") shouldBe 0L
        server.call("JAVACTX.STR.COMPARE", "", "a") shouldBe -1L
        server.call("JAVACTX.STR.COMPARE", "ab", "a") shouldBe 1L
        server.client.sendCommand(COMPARE, byteArrayOf(0x80.toByte()), byteArrayOf(0x7f)) shouldBe 1L
        server.client.sendCommand(COMPARE, byteArrayOf(0), byteArrayOf()) shouldBe 1L
        // The same order as a sorted set's members of equal score.
        server.call("ZADD", "z", "0", "\u00ff", "0", "\u007f", "0", "a\u0000", "0", "a")
        val members = server.call("ZRANGE", "z", "0", "-1") as List<*>
        members.zipWithNext().all { (x, y) -> server.call("JAVACTX.STR.COMPARE", x as String, y as String) == -1L } shouldBe true
    }

    test("JAVACTX.STR.APPEND joins its arguments byte for byte, NUL bytes and bytes that are not UTF-8 included") {
        server.call("JAVACTX.STR.APPEND", "foo", "bar", "baz") shouldBe "foobarbaz"
        server.call("JAVACTX.STR.APPEND", "") shouldBe ""
        val parts = listOf(byteArrayOf(0, 1, 0), byteArrayOf(), byteArrayOf(-1, -61, 40), byteArrayOf(13, 10, 0))
        bytesOf(APPEND, *parts.toTypedArray()).toList() shouldBe parts.flatMap { it.toList() }
    }

    test("JAVACTX.STR.REVERSE turns every byte value around, NUL included; the empty string stays empty") {
        val everyByte = ByteArray(256) { it.toByte() }
        bytesOf(REVERSE, everyByte).toList() shouldBe everyByte.reversed()
        bytesOf(REVERSE, ByteArray(0)).size shouldBe 0
        bytesOf(REVERSE, byteArrayOf(0, 0, 7)).toList() shouldBe listOf<Byte>(7, 0, 0)
        server.call("JAVACTX.STR.REVERSE", "ünï") shouldBe String("ünï".toByteArray().reversedArray(), Charsets.ISO_8859_1)
            .let { String(it.toByteArray(Charsets.ISO_8859_1), Charsets.UTF_8) }
    }
})
