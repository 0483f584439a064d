package io.valkeyjvm.examples.rustevents

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import java.net.Socket
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class EventsSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustevents.so"))))

    fun numKeys(): Long = server.call("EVENTS.NUM_KEYS") as Long

    // tests/integration.rs test_key_space_notifications, on the spec's fresh server.
    test("a read of a missing key counts as a key miss; a string write is counted in num_sets by a job") {
        server.call("EVENTS.NUM_KEY_MISS") shouldBe 0L
        server.call("GET", "x") shouldBe null
        server.call("EVENTS.NUM_KEY_MISS") shouldBe 1L
        server.call("SET", "x", "1") shouldBe "OK"
        server.call("GET", "num_sets") shouldBe "1"
    }

    test("each string event is logged with its class, key and event; the module's own writes to num_sets are not") {
        server.call("SET", "y", "2") shouldBe "OK"
        server.call("APPEND", "y", "3") shouldBe 2L
        val log = server.log()
        log shouldContain "<events> Received event: NotifyEvent(STRING) on key: y via event: set"
        log shouldContain "<events> Received event: NotifyEvent(STRING) on key: y via event: append"
        log.lines().filter { "on key: num_sets" in it } shouldBe emptyList()
        server.call("GET", "num_sets") shouldBe "3"
    }

    test("new keys are counted, whatever their type; overwriting a key is not a new key") {
        val before = numKeys()
        server.call("SET", "fresh", "v")
        server.call("SET", "fresh", "w")
        server.call("HSET", "hash", "f", "v")
        numKeys() shouldBe before + 2
    }

    test("stream events are logged at debug level") {
        server.call("CONFIG", "SET", "loglevel", "debug") shouldBe "OK"
        try {
            server.call("XADD", "stream", "*", "f", "v")
            server.log() shouldContain "<events> Stream event received!"
        } finally {
            server.call("CONFIG", "SET", "loglevel", "notice")
        }
    }

    test("EVENTS.SEND emits the generic event events.send for mykey, which subscribers receive") {
        server.call("CONFIG", "SET", "notify-keyspace-events", "Eg") shouldBe "OK"
        Socket(server.host, server.port).use { subscriber ->
            subscriber.soTimeout = 10_000
            val input = subscriber.getInputStream().bufferedReader()
            subscriber.getOutputStream().apply { write("SUBSCRIBE __keyevent@0__:events.send\r\n".toByteArray()); flush() }
            List(6) { input.readLine() } shouldContain "subscribe"
            server.call("EVENTS.SEND") shouldBe "Event sent"
            List(7) { input.readLine() } shouldBe listOf("*3", "\$7", "message", "\$26", "__keyevent@0__:events.send", "\$5", "mykey")
        }
        server.errorReply("EVENTS.SEND", "extra") shouldBe "ERR wrong number of arguments for 'events.send' command"
    }

    test("a key that is not UTF-8 is logged with replacement characters, and the server goes on") {
        server.client.set(byteArrayOf(0xff.toByte(), 'k'.code.toByte()), "v".toByteArray())
        server.log() shouldContain "on key: \uFFFDk via event: set"
        server.call("PING") shouldBe "PONG"
    }

    test("a job whose write fails logs the error; the client's command has succeeded") {
        server.call("SET", "num_sets", "not a number") shouldBe "OK"
        server.call("SET", "z", "1") shouldBe "OK"
        awaitUntil("the job's failure in the log") {
            server.log().contains("<events> Error on incr command, ERR value is not an integer or out of range.")
        }
        server.call("GET", "num_sets") shouldBe "not a number"
    }
})
