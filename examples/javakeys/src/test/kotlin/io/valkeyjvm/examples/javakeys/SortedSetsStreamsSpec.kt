package io.valkeyjvm.examples.javakeys

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.valkeyjvm.kotest.valkeyServer

private const val WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value"

/** The sorted set and stream commands of the javakeys module, checked with a real client. */
class SortedSetsStreamsSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(javaKeysModule))

    beforeEach {
        server.call("FLUSHALL")
        server.call("CONFIG", "SET", "notify-keyspace-events", "")
    }

    test("JAVAKEYS.ZADD says what it did under each condition") {
        server.call("JAVAKEYS.ZADD", "z", "1", "a") shouldBe "added"
        server.call("JAVAKEYS.ZADD", "z", "2", "a") shouldBe "updated"
        server.call("JAVAKEYS.ZADD", "z", "2", "a") shouldBe "unchanged"
        server.call("JAVAKEYS.ZADD", "z", "5", "b", "NX") shouldBe "added"
        server.call("JAVAKEYS.ZADD", "z", "9", "b", "nx") shouldBe "skipped"
        server.call("JAVAKEYS.ZADD", "z", "1", "b", "GT") shouldBe "skipped"
        server.call("JAVAKEYS.ZADD", "z", "7", "b", "GT", "XX") shouldBe "updated"
        server.call("JAVAKEYS.ZADD", "z", "3", "c", "XX") shouldBe "skipped"
        server.call("ZRANGE", "z", "0", "-1", "WITHSCORES") shouldBe listOf("a", "2", "b", "7")
    }

    test("JAVAKEYS.ZADD refuses what ZADD refuses, and the server goes on") {
        server.errorReply("JAVAKEYS.ZADD", "z", "1", "a", "NX", "XX") shouldBe
            "ERR XX and NX options at the same time are not compatible"
        server.errorReply("JAVAKEYS.ZADD", "z", "1", "a", "NX", "GT") shouldBe
            "ERR GT, LT, and/or NX options at the same time are not compatible"
        server.errorReply("JAVAKEYS.ZADD", "z", "nan", "a") shouldBe "ERR value is not a valid float"
        server.errorReply("JAVAKEYS.ZADD", "z", "1", "a", "CH") shouldBe "ERR syntax error: a condition is NX, XX, GT or LT"
        server.call("EXISTS", "z") shouldBe 0L
        server.call("PING") shouldBe "PONG"
    }

    test("JAVAKEYS.ZINCRBY, ZSCORE and ZREM") {
        server.call("JAVAKEYS.ZINCRBY", "z", "a", "1.5") shouldBe "1.5"
        server.call("JAVAKEYS.ZINCRBY", "z", "a", "1") shouldBe "2.5"
        server.call("JAVAKEYS.ZSCORE", "z", "a") shouldBe "2.5"
        server.call("ZSCORE", "z", "a") shouldBe "2.5"
        server.call("JAVAKEYS.ZSCORE", "z", "missing") shouldBe null
        server.call("JAVAKEYS.ZREM", "z", "a") shouldBe 1L
        server.call("JAVAKEYS.ZREM", "z", "a") shouldBe 0L
        server.call("EXISTS", "z") shouldBe 0L
        server.errorReply("JAVAKEYS.ZINCRBY", "z", "a", "much") shouldBe "ERR value is not a valid float"
    }

    test("JAVAKEYS.ZRANGE BYSCORE walks scores both ways, bounds inclusive or exclusive") {
        server.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d")
        server.call("JAVAKEYS.ZRANGE", "z", "BYSCORE", "2", "3") shouldBe listOf("b", "2", "c", "3")
        server.call("JAVAKEYS.ZRANGE", "z", "BYSCORE", "(1", "(4") shouldBe listOf("b", "2", "c", "3")
        server.call("JAVAKEYS.ZRANGE", "z", "byscore", "(1", "+inf", "REV") shouldBe listOf("d", "4", "c", "3", "b", "2")
        server.call("JAVAKEYS.ZRANGE", "z", "BYSCORE", "-inf", "+inf") shouldBe
            server.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "WITHSCORES")
        server.call("JAVAKEYS.ZRANGE", "z", "BYSCORE", "5", "9") shouldBe emptyList<Any>()
        server.call("JAVAKEYS.ZRANGE", "missing", "BYSCORE", "-inf", "+inf") shouldBe emptyList<Any>()
    }

    test("JAVAKEYS.ZRANGE BYLEX walks members in byte order both ways") {
        server.call("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d")
        server.call("JAVAKEYS.ZRANGE", "z", "BYLEX", "[b", "(d") shouldBe listOf("b", "0", "c", "0")
        server.call("JAVAKEYS.ZRANGE", "z", "BYLEX", "[b", "(d", "REV") shouldBe listOf("c", "0", "b", "0")
        server.call("JAVAKEYS.ZRANGE", "z", "BYLEX", "-", "+") shouldBe listOf("a", "0", "b", "0", "c", "0", "d", "0")
    }

    test("JAVAKEYS.ZRANGE refuses bad bounds and words clearly") {
        server.call("ZADD", "z", "0", "a")
        server.errorReply("JAVAKEYS.ZRANGE", "z", "BYSCORE", "low", "2") shouldBe "ERR min or max is not a float"
        server.errorReply("JAVAKEYS.ZRANGE", "z", "BYLEX", "b", "+") shouldBe "ERR min or max not valid string range item"
        server.errorReply("JAVAKEYS.ZRANGE", "z", "BYRANK", "0", "1") shouldBe "ERR syntax error: BYSCORE or BYLEX expected"
        server.errorReply("JAVAKEYS.ZRANGE", "z", "BYSCORE", "0", "1", "LIMIT") shouldBe "ERR syntax error"
        server.call("PING") shouldBe "PONG"
    }

    test("sorted set commands on a key of another type get the server's WRONGTYPE error") {
        server.call("SET", "s", "v")
        server.errorReply("JAVAKEYS.ZADD", "s", "1", "a") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.ZINCRBY", "s", "a", "1") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.ZREM", "s", "a") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.ZSCORE", "s", "a") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.ZRANGE", "s", "BYSCORE", "0", "1") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.ZRANGE", "s", "BYLEX", "-", "+") shouldBe WRONGTYPE
    }

    test("JAVAKEYS.XADD adds entries with the next ID or a given one; XRANGE reads what XRANGE reads") {
        server.call("JAVAKEYS.XADD", "x", "1-1", "f", "v") shouldBe "1-1"
        val next = server.call("JAVAKEYS.XADD", "x", "*", "a", "1", "b", "2") as String
        next shouldNotBe "1-1"
        server.call("JAVAKEYS.XADD", "x", "${Long.MAX_VALUE}-0", "last", "x") shouldBe "${Long.MAX_VALUE}-0"
        server.call("XLEN", "x") shouldBe 3L
        server.call("JAVAKEYS.XRANGE", "x", "-", "+") shouldBe server.call("XRANGE", "x", "-", "+")
        server.call("JAVAKEYS.XRANGE", "x", "-", "+", "REV") shouldBe server.call("XREVRANGE", "x", "+", "-")
        server.call("JAVAKEYS.XRANGE", "x", "1-1", "1-1") shouldBe listOf(listOf("1-1", listOf("f", "v")))
        server.call("JAVAKEYS.XRANGE", "missing", "-", "+") shouldBe emptyList<Any>()
    }

    test("stream entries are binary-safe") {
        val value = byteArrayOf(0, -1, 0, 10)
        server.binary("JAVAKEYS.XADD", "x".bytes, "5-0".bytes, "f\u0000".bytes, value)
        val entries = server.binary("XRANGE", "x".bytes, "-".bytes, "+".bytes) as List<*>
        val fields = (entries.single() as List<*>)[1] as List<*>
        (fields[0] as ByteArray).toList() shouldBe "f\u0000".bytes.toList()
        (fields[1] as ByteArray).toList() shouldBe value.toList()
    }

    test("JAVAKEYS.XADD refuses an ID not above the last, a bad ID, a field without a value") {
        server.call("JAVAKEYS.XADD", "x", "5-0", "f", "v")
        server.errorReply("JAVAKEYS.XADD", "x", "5-0", "f", "v") shouldBe
            "ERR The ID specified in XADD is equal or smaller than the target stream top item"
        server.errorReply("JAVAKEYS.XADD", "y", "0-0", "f", "v") shouldBe "ERR The ID specified in XADD must be greater than 0-0"
        server.errorReply("JAVAKEYS.XADD", "x", "soon", "f", "v") shouldBe "ERR Invalid stream ID specified as stream command argument"
        server.errorReply("JAVAKEYS.XADD", "x", "*", "f", "v", "g") shouldBe
            "ERR wrong number of arguments for 'javakeys.xadd' command"
        server.call("XLEN", "x") shouldBe 1L
        server.call("EXISTS", "y") shouldBe 0L
        server.call("PING") shouldBe "PONG"
    }

    test("JAVAKEYS.XADD tells subscribers of stream events, as XADD does") {
        server.call("CONFIG", "SET", "notify-keyspace-events", "Kt")
        Subscriber(server, "__keyspace@0__:x").use { subscriber ->
            server.call("JAVAKEYS.XADD", "x", "*", "f", "v")
            subscriber.next() shouldBe ("__keyspace@0__:x" to "xadd")
            server.errorReply("JAVAKEYS.XADD", "x", "1-0", "f", "v")
            server.call("XADD", "x", "*", "f", "v")
            subscriber.next() shouldBe ("__keyspace@0__:x" to "xadd")
        }
    }

    test("JAVAKEYS.XDEL deletes one entry: 1, then 0") {
        server.call("XADD", "x", "1-0", "f", "v")
        server.call("XADD", "x", "2-0", "f", "v")
        server.call("JAVAKEYS.XDEL", "x", "1-0") shouldBe 1L
        server.call("JAVAKEYS.XDEL", "x", "1-0") shouldBe 0L
        server.call("XRANGE", "x", "-", "+") shouldBe listOf(listOf("2-0", listOf("f", "v")))
        server.errorReply("JAVAKEYS.XDEL", "x", "one") shouldBe "ERR Invalid stream ID specified as stream command argument"
    }

    test("JAVAKEYS.XTRIM trims by MAXLEN and by MINID, exactly or with ~") {
        for (i in 1..10) server.call("XADD", "x", "$i-0", "f", "v$i")
        server.call("JAVAKEYS.XTRIM", "x", "MAXLEN", "8") shouldBe 2L
        server.call("JAVAKEYS.XTRIM", "x", "MINID", "5-0") shouldBe 2L
        (server.call("XRANGE", "x", "-", "+") as List<*>).map { (it as List<*>)[0] } shouldBe
            listOf("5-0", "6-0", "7-0", "8-0", "9-0", "10-0")
        val deleted = server.call("JAVAKEYS.XTRIM", "x", "MAXLEN", "~", "1") as Long
        deleted + server.call("XLEN", "x") as Long shouldBe 6L
    }

    test("JAVAKEYS.XTRIM and XRANGE refuse what they cannot read") {
        server.call("XADD", "x", "1-0", "f", "v")
        server.errorReply("JAVAKEYS.XTRIM", "x", "MAXLEN", "-1") shouldBe "ERR MAXLEN must not be negative"
        server.errorReply("JAVAKEYS.XTRIM", "x", "COUNT", "1") shouldBe "ERR syntax error: MAXLEN or MINID expected"
        server.errorReply("JAVAKEYS.XTRIM", "x", "MAXLEN", "=", "1") shouldBe "ERR syntax error"
        server.errorReply("JAVAKEYS.XRANGE", "x", "-", "+", "BACKWARDS") shouldBe "ERR syntax error"
        server.errorReply("JAVAKEYS.XRANGE", "x", "first", "+") shouldBe "ERR Invalid stream ID specified as stream command argument"
        server.call("XLEN", "x") shouldBe 1L
        server.call("PING") shouldBe "PONG"
    }

    test("stream commands on a key of another type get the server's WRONGTYPE error") {
        server.call("SET", "s", "v")
        server.errorReply("JAVAKEYS.XADD", "s", "*", "f", "v") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.XDEL", "s", "1-0") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.XRANGE", "s", "-", "+") shouldBe WRONGTYPE
        server.errorReply("JAVAKEYS.XTRIM", "s", "MAXLEN", "1") shouldBe WRONGTYPE
        server.call("GET", "s") shouldBe "v"
    }
})
