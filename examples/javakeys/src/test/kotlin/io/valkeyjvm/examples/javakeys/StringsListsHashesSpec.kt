package io.valkeyjvm.examples.javakeys

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeBetween
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.valkeyServer

private const val WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value"

/** The string, list and hash commands of the javakeys module, checked with a real client. */
class StringsListsHashesSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(javaKeysModule))

    beforeEach { server.call("FLUSHALL") }

    test("JAVAKEYS.STRSET stores bytes as they are, and drops the time to live as SET does") {
        val value = byteArrayOf(0, 'a'.code.toByte(), 0, -1, 13, 10)
        decoded(server.binary("JAVAKEYS.STRSET", "s".bytes, value)) shouldBe "OK"
        server.client.get("s".bytes).toList() shouldBe value.toList()
        server.call("SET", "t", "v", "PX", "100000")
        server.call("JAVAKEYS.STRSET", "t", "w") shouldBe "OK"
        server.call("GET", "t") shouldBe "w"
        server.call("PTTL", "t") shouldBe -1L
    }

    test("JAVAKEYS.STRREAD reads bytes in place: fewer past the end, none for a missing key") {
        server.call("SET", "s", "he\u0000llo")
        server.call("JAVAKEYS.STRREAD", "s", "1", "3") shouldBe "e\u0000l"
        server.call("JAVAKEYS.STRREAD", "s", "4", "100") shouldBe "lo"
        server.call("JAVAKEYS.STRREAD", "s", "6", "1") shouldBe ""
        server.call("JAVAKEYS.STRREAD", "missing", "0", "10") shouldBe ""
        server.call("EXISTS", "missing") shouldBe 0L
    }

    test("JAVAKEYS.STRWRITE writes in place, zero-padding a shorter string as SETRANGE does") {
        server.call("SET", "s", "hello", "PX", "100000")
        server.call("JAVAKEYS.STRWRITE", "s", "1", "EL") shouldBe 5L
        server.call("GET", "s") shouldBe "hELlo"
        (server.call("PTTL", "s") as Long).shouldBeBetween(1, 100_000)
        server.call("JAVAKEYS.STRWRITE", "s", "8", "\u0000!") shouldBe 10L
        server.call("GET", "s") shouldBe "hELlo\u0000\u0000\u0000\u0000!"
        server.call("SETRANGE", "t", "8", "\u0000!") shouldBe 10L
        server.call("JAVAKEYS.STRWRITE", "u", "8", "\u0000!") shouldBe 10L
        server.call("GET", "u") shouldBe server.call("GET", "t")
    }

    test("JAVAKEYS.STRTRUNCATE cuts or zero-pads a string") {
        server.call("SET", "s", "hello")
        server.call("JAVAKEYS.STRTRUNCATE", "s", "2") shouldBe 2L
        server.call("GET", "s") shouldBe "he"
        server.call("JAVAKEYS.STRTRUNCATE", "s", "4") shouldBe 4L
        server.call("GET", "s") shouldBe "he\u0000\u0000"
        server.call("JAVAKEYS.STRTRUNCATE", "missing", "0") shouldBe 0L
        server.call("EXISTS", "missing") shouldBe 0L
    }

    test("string commands refuse bad offsets and sizes clearly, and the server goes on") {
        server.call("SET", "s", "hello")
        server.errorReply("JAVAKEYS.STRREAD", "s", "-1", "1") shouldBe "ERR the offset must not be negative"
        server.errorReply("JAVAKEYS.STRREAD", "s", "0", "-1") shouldBe "ERR the count must not be negative"
        server.errorReply("JAVAKEYS.STRREAD", "s", "0", "2000000") shouldBe "ERR the count must be at most 1048576"
        server.errorReply("JAVAKEYS.STRWRITE", "s", "x", "y") shouldBe "ERR value is not an integer or out of range"
        server.errorReply("JAVAKEYS.STRWRITE", "s", "536870912", "y") shouldBe "ERR string exceeds maximum allowed size (512 MB)"
        server.errorReply("JAVAKEYS.STRTRUNCATE", "s", "-2") shouldBe "ERR the length must not be negative"
        server.call("GET", "s") shouldBe "hello"
        server.call("PING") shouldBe "PONG"
    }

    test("string commands on a key of another type get the server's WRONGTYPE error") {
        server.call("RPUSH", "l", "x")
        server.errorReply("JAVAKEYS.STRSET", "l", "v") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.STRREAD", "l", "0", "1") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.STRWRITE", "l", "0", "v") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.STRTRUNCATE", "l", "0") shouldBe WRONGTYPE
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("x")
    }

    test("JAVAKEYS.PUSH and JAVAKEYS.POP work at both ends") {
        server.call("JAVAKEYS.PUSH", "l", "TAIL", "a", "b", "c") shouldBe 3L
        server.call("JAVAKEYS.PUSH", "l", "head", "y", "z") shouldBe 5L
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("z", "y", "a", "b", "c")
        server.call("JAVAKEYS.POP", "l", "HEAD") shouldBe "z"
        server.call("JAVAKEYS.POP", "l", "TAIL") shouldBe "c"
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("y", "a", "b")
    }

    test("popping the last element deletes the key; popping a missing key is null") {
        server.call("JAVAKEYS.PUSH", "l", "TAIL", "only") shouldBe 1L
        server.call("JAVAKEYS.POP", "l", "HEAD") shouldBe "only"
        server.call("EXISTS", "l") shouldBe 0L
        server.call("JAVAKEYS.POP", "l", "TAIL") shouldBe null
    }

    test("JAVAKEYS.LGET, LSET, LINSERT and LDEL work by index from either end, binary-safe") {
        server.call("RPUSH", "l", "a", "b", "c")
        server.call("JAVAKEYS.LGET", "l", "0") shouldBe "a"
        server.call("JAVAKEYS.LGET", "l", "-1") shouldBe "c"
        server.call("JAVAKEYS.LSET", "l", "1", "x\u0000y") shouldBe "OK"
        server.call("JAVAKEYS.LINSERT", "l", "0", "first") shouldBe 4L
        server.call("JAVAKEYS.LINSERT", "l", "-1", "last") shouldBe 5L
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("first", "a", "x\u0000y", "c", "last")
        server.call("JAVAKEYS.LDEL", "l", "-2") shouldBe 4L
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("first", "a", "x\u0000y", "last")
    }

    test("an index past the list is 'index out of bounds'; a bad index or end is a clear error") {
        server.call("RPUSH", "l", "a", "b")
        server.errorReply("JAVAKEYS.LGET", "l", "2") shouldBe "ERR index out of bounds"
        server.errorReply("JAVAKEYS.LGET", "l", "-3") shouldBe "ERR index out of bounds"
        server.errorReply("JAVAKEYS.LSET", "l", "5", "v") shouldBe "ERR index out of bounds"
        server.errorReply("JAVAKEYS.LDEL", "l", "9") shouldBe "ERR index out of bounds"
        server.errorReply("JAVAKEYS.LGET", "l", "first") shouldBe "ERR value is not an integer or out of range"
        server.errorReply("JAVAKEYS.PUSH", "l", "MIDDLE", "x") shouldBe "ERR the end must be HEAD or TAIL"
        server.errorReply("JAVAKEYS.PUSH", "l", "HEAD") shouldBe "ERR wrong number of arguments for 'javakeys.push' command"
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("a", "b")
        server.call("PING") shouldBe "PONG"
    }

    test("list commands on a key of another type get the server's WRONGTYPE error") {
        server.call("SET", "s", "v")
        server.errorReply("JAVAKEYS.PUSH", "s", "HEAD", "x") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.POP", "s", "TAIL") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.LGET", "s", "0") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.LSET", "s", "0", "x") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.LINSERT", "s", "0", "x") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.LDEL", "s", "0") shouldBe WRONGTYPE
        server.call("GET", "s") shouldBe "v"
    }

    test("JAVAKEYS.HSET sets several fields; NX only new ones, XX only existing ones") {
        server.call("JAVAKEYS.HSET", "h", "f1", "v1", "f2", "v2") shouldBe 2L
        server.call("JAVAKEYS.HSET", "h", "NX", "f1", "new", "f3", "v3") shouldBe 1L
        server.call("JAVAKEYS.HSET", "h", "xx", "f1", "updated", "f4", "v4") shouldBe 1L
        server.call("JAVAKEYS.HSET", "h", "f2", "again") shouldBe 1L
        (server.call("HGETALL", "h") as List<*>).chunked(2).associate { (f, v) -> f to v } shouldBe
            mapOf("f1" to "updated", "f2" to "again", "f3" to "v3")
    }

    test("JAVAKEYS.HSET reads NX and XX as field names where the count says they are") {
        server.call("JAVAKEYS.HSET", "h", "NX", "value") shouldBe 1L
        server.call("HGET", "h", "NX") shouldBe "value"
        server.errorReply("JAVAKEYS.HSET", "h", "a", "b", "c") shouldBe
            "ERR wrong number of arguments for 'javakeys.hset' command"
        server.errorReply("JAVAKEYS.HSET", "h", "XY", "a", "b") shouldBe
            "ERR wrong number of arguments for 'javakeys.hset' command"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVAKEYS.HGET reads several fields, null for a missing one, binary-safe") {
        server.binary("HSET", "h".bytes, "f\u0000".bytes, byteArrayOf(0, -1, 0))
        server.call("HSET", "h", "g", "w")
        val values = server.binary("JAVAKEYS.HGET", "h".bytes, "f\u0000".bytes, "missing".bytes, "g".bytes) as List<*>
        (values[0] as ByteArray).toList() shouldBe listOf<Byte>(0, -1, 0)
        values[1] shouldBe null
        (values[2] as ByteArray).decodeToString() shouldBe "w"
        server.call("JAVAKEYS.HGET", "missing", "f") shouldBe listOf(null)
    }

    test("hash commands on a key of another type get the server's WRONGTYPE error") {
        server.call("SET", "s", "v")
        server.errorReply("JAVAKEYS.HSET", "s", "f", "v") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.HGET", "s", "f") shouldBe WRONGTYPE
        server.call("GET", "s") shouldBe "v"
    }
})
