package io.valkeyjvm.examples.datatype3

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
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.io.InputStream
import java.net.Socket
import java.nio.file.Files
import java.nio.file.Path
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val modulePath: Path = moduleDir.resolve("datatype3.so")

private const val WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value"
private const val NOT_AN_INTEGER = "ERR value is not an integer or out of range"

private fun ValkeyServer.digest(key: String): String = (call("DEBUG", "DIGEST-VALUE", key) as List<*>).single() as String

/** Sends a command with binary arguments through the RESP2 client; returns the raw reply. */
private fun ValkeyServer.binary(command: String, vararg args: ByteArray): Any? =
    client.sendCommand(ProtocolCommand { command.toByteArray() }, *args)

/** MY-GET's RESP2 reply, decoded: the flat array of the four fields. */
private fun myGet(
    map: List<String> = emptyList(),
    number: Long = 0,
    string: String = "",
    vec: List<String> = emptyList(),
): List<Any> = listOf("my_map", map, "my_number", number, "my_string", string, "my_vec", vec)

/** A server with the datatype3 module, in [dir] if given (to load what an earlier server saved there). */
private fun startDataType3(dir: Path? = null, vararg directives: Pair<String, String>): ValkeyServer =
    ValkeyServer.start(
        valkeyServerConfig {
            module(modulePath)
            if (dir != null) config("dir", dir.toString())
            config(*directives)
        },
    )

/** Fills a few keys covering every field; returns each key's MY-GET reply. */
private fun ValkeyServer.fill(): Map<String, Any?> {
    call("MY-SET-STRING", "full", "hello world")
    call("MY-SET-NUMBER", "full", "-42")
    for (s in listOf("x", "y", "", "x")) call("MY-VEC-PUSH", "full", s)
    for ((k, v) in listOf("b" to "2", "a" to "1", "c" to "", "b" to "two")) call("MY-MAP-INSERT", "full", k, v)
    call("MY-SET-NUMBER", "number-only", Long.MIN_VALUE.toString())
    call("MY-VEC-PUSH", "vec-only", "v")
    call("MY-MAP-INSERT", "map-only", "k", "v")
    call("MY-SET-STRING", "empty", "")
    binary("MY-SET-STRING", "binary".toByteArray(), byteArrayOf(0, -1, 13, 10))
    binary("MY-VEC-PUSH", "binary".toByteArray(), byteArrayOf(-128, 0))
    binary("MY-MAP-INSERT", "binary".toByteArray(), byteArrayOf(0), byteArrayOf(-2, -1))
    return listOf("full", "number-only", "vec-only", "map-only", "empty", "binary").associateWith { call("MY-GET", it) }
}

/** Reads one CRLF-terminated line. */
private fun readLine(input: InputStream): String {
    val line = StringBuilder()
    while (true) {
        val b = input.read()
        check(b >= 0) { "connection closed after '$line'" }
        if (b == '\n'.code) return line.removeSuffix("\r").toString()
        line.append(b.toChar())
    }
}

/** Sends one command on a fresh connection and returns its reply as on the wire (a line, or a bulk string's two). */
private fun ValkeyServer.wireReply(vararg args: String): String =
    Socket(host, port).use { socket ->
        socket.soTimeout = 10_000
        val request = buildString {
            append("*${args.size}\r\n")
            args.forEach { append("\$${it.toByteArray().size}\r\n$it\r\n") }
        }
        socket.getOutputStream().apply { write(request.toByteArray()); flush() }
        val input = socket.getInputStream().buffered()
        val first = readLine(input)
        if (first.startsWith("$") && first != "\$-1") "$first\r\n${readLine(input)}\r\n" else "$first\r\n"
    }

class DataType3Spec : FunSpec({
    timeout = 180_000
    val server = install(valkeyServer(ValkeyModuleLoad(modulePath)))

    beforeEach { server.call("FLUSHALL") }

    test("the module is listed under its name and version") {
        server.modules()["datatype3"] shouldBe 1L
    }

    context("each write command creates the value with the other fields empty") {
        test("MY-SET-STRING") {
            server.call("MY-SET-STRING", "k", "hello") shouldBe "OK"
            server.call("MY-GET", "k") shouldBe myGet(string = "hello")
            server.call("TYPE", "k") shouldBe "mytype789"
        }
        test("MY-SET-NUMBER") {
            server.call("MY-SET-NUMBER", "k", "7") shouldBe "OK"
            server.call("MY-GET", "k") shouldBe myGet(number = 7)
        }
        test("MY-VEC-PUSH") {
            server.call("MY-VEC-PUSH", "k", "a") shouldBe "OK"
            server.call("MY-GET", "k") shouldBe myGet(vec = listOf("a"))
        }
        test("MY-MAP-INSERT") {
            server.call("MY-MAP-INSERT", "k", "f", "v") shouldBe "OK"
            server.call("MY-GET", "k") shouldBe myGet(map = listOf("f", "v"))
        }
    }

    test("the write commands reply the bulk string OK, as the original does, not +OK") {
        server.wireReply("MY-SET-STRING", "k", "s") shouldBe "\$2\r\nOK\r\n"
        server.wireReply("MY-SET-NUMBER", "k", "1") shouldBe "\$2\r\nOK\r\n"
        server.wireReply("MY-VEC-PUSH", "k", "s") shouldBe "\$2\r\nOK\r\n"
        server.wireReply("MY-MAP-INSERT", "k", "f", "v") shouldBe "\$2\r\nOK\r\n"
    }

    test("the write commands change only their own field of an existing value") {
        server.call("MY-SET-STRING", "k", "first")
        server.call("MY-SET-NUMBER", "k", "1")
        server.call("MY-VEC-PUSH", "k", "a")
        server.call("MY-MAP-INSERT", "k", "f", "v")
        server.call("MY-SET-STRING", "k", "second")
        server.call("MY-GET", "k") shouldBe myGet(listOf("f", "v"), 1, "second", listOf("a"))
        server.call("MY-SET-NUMBER", "k", "-5")
        server.call("MY-GET", "k") shouldBe myGet(listOf("f", "v"), -5, "second", listOf("a"))
        server.call("MY-VEC-PUSH", "k", "b")
        server.call("MY-VEC-PUSH", "k", "a")
        server.call("MY-GET", "k") shouldBe myGet(listOf("f", "v"), -5, "second", listOf("a", "b", "a"))
        server.call("MY-MAP-INSERT", "k", "f", "w")
        server.call("MY-GET", "k") shouldBe myGet(listOf("f", "w"), -5, "second", listOf("a", "b", "a"))
    }

    test("my_map is sorted by key, byte-wise, whatever the insertion order") {
        for ((k, v) in listOf("b" to "2", "a" to "1", "B" to "3", "aa" to "4", "" to "5")) server.call("MY-MAP-INSERT", "k", k, v)
        (server.call("MY-GET", "k") as List<*>)[1] shouldBe listOf("", "5", "B", "3", "a", "1", "aa", "4", "b", "2")
    }

    test("MY-SET-NUMBER takes any signed 64-bit integer") {
        for (n in listOf(0L, -1L, 123456789012345L, Long.MAX_VALUE, Long.MIN_VALUE)) {
            server.call("MY-SET-NUMBER", "k", n.toString())
            server.call("MY-GET", "k") shouldBe myGet(number = n)
        }
    }

    test("MY-SET-NUMBER with a value that is not an integer is an error, and changes nothing") {
        for (bad in listOf("abc", "1.5", "", " 1", "+1", "01", "9223372036854775808", "-9223372036854775809")) {
            withClue("n = '$bad'") { server.errorReply("MY-SET-NUMBER", "k", bad) shouldBe NOT_AN_INTEGER }
        }
        server.call("EXISTS", "k") shouldBe 0L
        server.call("MY-SET-NUMBER", "k", "3")
        server.errorReply("MY-SET-NUMBER", "k", "x") shouldBe NOT_AN_INTEGER
        server.call("MY-GET", "k") shouldBe myGet(number = 3)
    }

    test("strings are binary safe in every field") {
        val raw = byteArrayOf(0, -1, 13, 10, 'x'.code.toByte())
        server.binary("MY-SET-STRING", "k".toByteArray(), raw)
        server.binary("MY-VEC-PUSH", "k".toByteArray(), raw)
        server.binary("MY-MAP-INSERT", "k".toByteArray(), raw, byteArrayOf(-128))
        val reply = server.binary("MY-GET", "k".toByteArray()) as List<*>
        ((reply[1] as List<*>)[0] as ByteArray).toList() shouldBe raw.toList()
        ((reply[1] as List<*>)[1] as ByteArray).toList() shouldBe listOf<Byte>(-128)
        (reply[5] as ByteArray).toList() shouldBe raw.toList()
        ((reply[7] as List<*>).single() as ByteArray).toList() shouldBe raw.toList()
    }

    context("MY-GET") {
        test("a missing key is null") {
            server.call("MY-GET", "missing") shouldBe null
            server.newClient(RedisProtocol.RESP3).use { client ->
                client.sendCommand(ProtocolCommand { "MY-GET".toByteArray() }, "missing") shouldBe null
            }
        }
        test("RESP3 clients get a map of the four fields, in order, with my_map a map") {
            server.call("MY-SET-STRING", "k", "s")
            server.call("MY-SET-NUMBER", "k", "42")
            server.call("MY-VEC-PUSH", "k", "x")
            server.call("MY-VEC-PUSH", "k", "y")
            server.call("MY-MAP-INSERT", "k", "k2", "v2")
            server.call("MY-MAP-INSERT", "k", "k1", "v1")
            server.newClient(RedisProtocol.RESP3).use { client ->
                // decodeReply turns each RESP3 map entry into a pair, and leaves array elements as they are.
                decodeReply(client.sendCommand(ProtocolCommand { "MY-GET".toByteArray() }, "k")) shouldBe listOf(
                    "my_map" to listOf("k1" to "v1", "k2" to "v2"),
                    "my_number" to 42L,
                    "my_string" to "s",
                    "my_vec" to listOf("x", "y"),
                )
                client.sendCommand(ProtocolCommand { "MY-SET-NUMBER".toByteArray() }, "k", "1").let { decodeReply(it) } shouldBe "OK"
            }
        }
        test("RESP3 wire format: a %4 map; empty fields are an empty map and an empty array") {
            server.call("MY-SET-STRING", "k", "s")
            val expected = "%4\r\n\$6\r\nmy_map\r\n%0\r\n\$9\r\nmy_number\r\n:0\r\n" +
                "\$9\r\nmy_string\r\n\$1\r\ns\r\n\$6\r\nmy_vec\r\n*0\r\n"
            Socket(server.host, server.port).use { socket ->
                socket.soTimeout = 10_000
                // HELLO 3 and MY-GET pipelined: the HELLO reply comes first, MY-GET's ends the stream.
                socket.getOutputStream().apply {
                    write("*2\r\n\$5\r\nHELLO\r\n\$1\r\n3\r\n*2\r\n\$6\r\nMY-GET\r\n\$1\r\nk\r\n".toByteArray())
                    flush()
                }
                val input = socket.getInputStream()
                val received = StringBuilder()
                while (!received.endsWith(expected)) {
                    val b = input.read() // a stalled reply ends in the socket timeout
                    check(b >= 0) { "connection closed after: $received" }
                    received.append(b.toChar())
                }
                received.startsWith("%7\r\n") shouldBe true
            }
        }
    }

    context("WRONGTYPE on a key of another type, which stays as it was") {
        for (command in listOf(listOf("MY-SET-STRING", "s"), listOf("MY-SET-NUMBER", "1"), listOf("MY-VEC-PUSH", "s"), listOf("MY-MAP-INSERT", "f", "v"), emptyList())) {
            val name = command.firstOrNull() ?: "MY-GET"
            test(name) {
                server.call("SET", "str", "v")
                server.call("RPUSH", "list", "x")
                val args = command.drop(1).toTypedArray()
                server.errorReply(name, "str", *args) shouldBe WRONGTYPE
                server.errorReply(name, "list", *args) shouldBe WRONGTYPE
                server.call("GET", "str") shouldBe "v"
                server.call("LRANGE", "list", "0", "-1") shouldBe listOf("x")
            }
        }
        test("a bad number is reported before the key's type") {
            server.call("SET", "str", "v")
            server.errorReply("MY-SET-NUMBER", "str", "x") shouldBe NOT_AN_INTEGER
        }
    }

    test("wrong arity") {
        for ((name, good) in listOf("my-set-string" to 2, "my-set-number" to 2, "my-vec-push" to 2, "my-map-insert" to 3, "my-get" to 1)) {
            for (count in listOf(0, good - 1, good + 1).distinct()) {
                withClue("$name with $count arguments") {
                    server.errorReply(name.uppercase(), *Array(count) { "1" }) shouldContain "wrong number of arguments for '$name' command"
                }
            }
        }
    }

    test("COMMAND INFO shows the arity, flags and key positions 1, 1, 1") {
        for ((name, arity, flag) in listOf(
            Triple("my-set-string", 3L, "write"), Triple("my-set-number", 3L, "write"), Triple("my-vec-push", 3L, "write"),
            Triple("my-map-insert", 4L, "write"), Triple("my-get", 2L, "readonly"),
        )) {
            val info = (server.call("COMMAND", "INFO", name) as List<*>).single() as List<*>
            withClue(name) {
                info[0] shouldBe name
                info[1] shouldBe arity
                // The server adds "module" to every module command's flags.
                (info[2] as List<*>).toSet() shouldBe setOf(flag, "module")
                info.subList(3, 6) shouldBe listOf(1L, 1L, 1L)
            }
        }
        server.call("COMMAND", "GETKEYS", "MY-MAP-INSERT", "thekey", "f", "v") shouldBe listOf("thekey")
    }

    test("MEMORY USAGE is positive (the type declares none: the saved size stands in)") {
        server.call("MY-SET-STRING", "small", "s")
        server.call("MY-SET-STRING", "large", "x".repeat(100_000))
        val small = server.call("MEMORY", "USAGE", "small") as Long
        small shouldBeGreaterThan 0L
        (server.call("MEMORY", "USAGE", "large") as Long) shouldBeGreaterThan small + 99_000L
        // In-place changes count too.
        server.call("MY-VEC-PUSH", "small", "y".repeat(50_000))
        (server.call("MEMORY", "USAGE", "small") as Long) shouldBeGreaterThan small + 49_000L
    }

    test("DEBUG DIGEST-VALUE: equal values digest equal, whatever the map's insertion order; any change shows") {
        for (key in listOf("k1", "k2")) {
            server.call("MY-SET-STRING", key, "s")
            server.call("MY-VEC-PUSH", key, "a")
        }
        server.call("MY-MAP-INSERT", "k1", "a", "1")
        server.call("MY-MAP-INSERT", "k1", "b", "2")
        server.call("MY-MAP-INSERT", "k2", "b", "2")
        server.call("MY-MAP-INSERT", "k2", "a", "1")
        val digest = server.digest("k1")
        server.digest("k2") shouldBe digest
        digest shouldNotBe "0".repeat(40)
        for (change in listOf(
            listOf("MY-SET-STRING", "k2", "t"), listOf("MY-SET-NUMBER", "k2", "1"),
            listOf("MY-VEC-PUSH", "k2", "b"), listOf("MY-MAP-INSERT", "k2", "a", "x"),
        )) {
            val before = server.digest("k2")
            server.call(*change.toTypedArray())
            withClue(change) { server.digest("k2") shouldNotBe before }
        }
    }

    test("values and digests survive DEBUG RELOAD, and stay writable afterwards") {
        val expected = server.fill()
        val digests = expected.keys.associateWith { server.digest(it) }
        server.call("DEBUG", "RELOAD") shouldBe "OK"
        expected.keys.associateWith { server.call("MY-GET", it) } shouldBe expected
        expected.keys.associateWith { server.digest(it) } shouldBe digests
        server.call("MY-VEC-PUSH", "full", "after")
        server.call("DEBUG", "RELOAD") shouldBe "OK"
        (server.call("MY-GET", "full") as List<*>)[7] shouldBe listOf("x", "y", "", "x", "after")
    }

    context("restarts") {
        test("values survive BGSAVE and a restart in the same directory; later changes are not in the file") {
            val first = startDataType3()
            val expected: Map<String, Any?>
            val digests: Map<String, String>
            first.use { s ->
                s.call("MY-SET-STRING", "changed", "before")
                s.call("BGSAVE")
                s.awaitBackgroundWork()
                // Changed in place after the first save: the second one must record the change.
                s.call("MY-VEC-PUSH", "changed", "pushed")
                expected = s.fill() + ("changed" to s.call("MY-GET", "changed"))
                digests = expected.keys.associateWith { s.digest(it) }
                s.call("BGSAVE")
                s.awaitBackgroundWork()
                // Changed after the last save: must not be in the file.
                s.call("MY-SET-NUMBER", "full", "1000")
                s.call("MY-SET-STRING", "after", "x")
            }
            Files.isRegularFile(first.dir.resolve("dump.rdb")) shouldBe true
            startDataType3(first.dir).use { s ->
                s.call("DBSIZE") shouldBe expected.size.toLong()
                expected.keys.associateWith { s.call("MY-GET", it) } shouldBe expected
                expected.keys.associateWith { s.digest(it) } shouldBe digests
                s.log() shouldNotContain "BUG REPORT"
            }
            first.log() shouldNotContain "BUG REPORT"
        }

        for (preamble in listOf("yes", "no")) {
            test("the write commands reach the AOF; BGREWRITEAOF with aof-use-rdb-preamble $preamble; a restart replays both") {
                val first = startDataType3(null, "appendonly" to "yes", "aof-use-rdb-preamble" to preamble)
                val expected: Map<String, Any?>
                first.use { s ->
                    s.awaitBackgroundWork()
                    expected = s.fill()
                    s.call("BGREWRITEAOF")
                    s.awaitBackgroundWork()
                    // After the rewrite: reaches the AOF as the commands themselves.
                    s.call("MY-VEC-PUSH", "full", "late")
                    s.call("MY-SET-STRING", "late", "z")
                }
                val full = (expected.getValue("full") as List<*>).toMutableList()
                full[7] = (full[7] as List<*>) + "late"
                startDataType3(first.dir, "appendonly" to "yes").use { s ->
                    (expected.keys + "late").associateWith { s.call("MY-GET", it) } shouldBe
                        expected + ("full" to full) + ("late" to myGet(string = "z"))
                    s.log() shouldNotContain "BUG REPORT"
                }
                first.log() shouldNotContain "BUG REPORT"
            }
        }
    }

    test("the server keeps answering after every error") {
        server.call("PING") shouldBe "PONG"
    }
})
