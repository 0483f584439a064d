package io.valkeyjvm.examples.javakeys

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.valkeyServer

/** The scanning commands of the javakeys module: the keyspace with a cursor, one key's elements. */
class ScanSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(javaKeysModule))

    beforeEach { server.call("FLUSHALL") }

    test("JAVAKEYS.KEYS sees every key exactly once, with many keys") {
        val names = (1..3_000).map { "key:$it" }
        names.chunked(500).forEach { chunk -> server.call("MSET", *chunk.flatMap { listOf(it, "v") }.toTypedArray()) }
        val seen = server.call("JAVAKEYS.KEYS") as List<*>
        seen.size shouldBe names.size
        seen.toSet() shouldBe names.toSet()
    }

    test("JAVAKEYS.KEYS keeps only the keys with the prefix, binary names included") {
        server.call("MSET", "user:1", "a", "user:2", "b", "order:1", "c")
        server.binary("SET", byteArrayOf('u'.code.toByte(), 0, -1), "v".bytes)
        (server.call("JAVAKEYS.KEYS", "user:") as List<*>).toSet() shouldBe setOf("user:1", "user:2")
        val binary = server.binary("JAVAKEYS.KEYS", byteArrayOf('u'.code.toByte(), 0)) as List<*>
        binary.map { (it as ByteArray).toList() } shouldBe listOf(listOf<Byte>('u'.code.toByte(), 0, -1))
        server.call("JAVAKEYS.KEYS", "none:") shouldBe emptyList<Any>()
    }

    test("JAVAKEYS.KEYS scans the client's own database") {
        server.call("SET", "here", "v")
        server.newClient().use { other ->
            other.select(3)
            other.set("there", "v")
            other.sendCommand({ "JAVAKEYS.KEYS".toByteArray() }).let { reply ->
                (reply as List<*>).map { (it as ByteArray).decodeToString() } shouldBe listOf("there")
            }
        }
        server.call("JAVAKEYS.KEYS") shouldBe listOf("here")
    }

    test("JAVAKEYS.KEYS takes at most a prefix") {
        server.errorReply("JAVAKEYS.KEYS", "a", "b") shouldBe "ERR wrong number of arguments for 'javakeys.keys' command"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVAKEYS.ELEMENTS replies every field of a big hash once, with its value") {
        val fields = (1..2_000).associate { "field:$it" to "value:$it" }
        fields.entries.chunked(500).forEach { chunk ->
            server.call("HSET", "h", *chunk.flatMap { listOf(it.key, it.value) }.toTypedArray())
        }
        val pairs = (server.call("JAVAKEYS.ELEMENTS", "h") as List<*>).map { it as List<*> }
        pairs.size shouldBe fields.size
        pairs.associate { (field, value) -> field to value } shouldBe fields
    }

    test("JAVAKEYS.ELEMENTS replies a set's members with null, a sorted set's with their scores") {
        server.call("SADD", "s", "a", "b", "c")
        (server.call("JAVAKEYS.ELEMENTS", "s") as List<*>).toSet() shouldBe
            setOf(listOf("a", null), listOf("b", null), listOf("c", null))
        server.call("ZADD", "z", "1", "a", "2.5", "b")
        (server.call("JAVAKEYS.ELEMENTS", "z") as List<*>).toSet() shouldBe setOf(listOf("a", "1"), listOf("b", "2.5"))
        server.call("JAVAKEYS.ELEMENTS", "missing") shouldBe emptyList<Any>()
    }

    test("JAVAKEYS.ELEMENTS is binary-safe") {
        server.binary("HSET", "h".bytes, byteArrayOf(0, 1), byteArrayOf(-1, 0))
        val pair = (server.binary("JAVAKEYS.ELEMENTS", "h".bytes) as List<*>).single() as List<*>
        (pair[0] as ByteArray).toList() shouldBe listOf<Byte>(0, 1)
        (pair[1] as ByteArray).toList() shouldBe listOf<Byte>(-1, 0)
    }

    test("JAVAKEYS.ELEMENTS on a string, list or stream is the server's WRONGTYPE error") {
        server.call("SET", "s", "v")
        server.call("RPUSH", "l", "x")
        server.call("XADD", "x", "*", "f", "v")
        for (key in listOf("s", "l", "x")) {
            server.errorReply("JAVAKEYS.ELEMENTS", key) shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
        }
        server.call("PING") shouldBe "PONG"
    }
})
