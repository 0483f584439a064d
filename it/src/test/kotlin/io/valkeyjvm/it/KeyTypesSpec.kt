package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/**
 * A key's typed views on a live server (the "kt" module of KeyTypesFixture.kt): lists, hashes,
 * sorted sets, streams and strings in place, each created on an empty key, WRONGTYPE on another
 * type's key, clear errors for bad input; and the database calls.
 */
class KeyTypesSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.keyTypes)))
    fun call(vararg args: String) = server.call(*args)
    fun error(vararg args: String): String = server.errorReply(*args)
    val wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"

    beforeTest {
        call("FLUSHALL")
        call("SET", "s", "text")
    }

    test("a list: push and pop at both ends, read, replace, insert and delete by index") {
        call("KT.RPUSH", "l", "a", "b", "c") shouldBe 3L
        call("KT.LPUSH", "l", "z") shouldBe 4L
        call("KT.LALL", "l") shouldBe listOf("z", "a", "b", "c")
        call("KT.LGET", "l", "0") shouldBe "z"
        call("KT.LGET", "l", "-1") shouldBe "c"
        call("KT.LSET", "l", "1", "A") shouldBe "OK"
        call("KT.LINSERT", "l", "0", "first") shouldBe "OK"
        call("KT.LINSERT", "l", "-1", "last") shouldBe "OK"
        call("LRANGE", "l", "0", "-1") shouldBe listOf("first", "z", "A", "b", "c", "last")
        call("KT.LDEL", "l", "1") shouldBe "OK"
        call("KT.LPOP", "l") shouldBe "first"
        call("KT.RPOP", "l") shouldBe "last"
        call("KT.LALL", "l") shouldBe listOf("A", "b", "c")

        for (bad in listOf(arrayOf("KT.LGET", "l", "3"), arrayOf("KT.LGET", "l", "-4"), arrayOf("KT.LSET", "l", "-10", "x"),
                arrayOf("KT.LINSERT", "l", "5", "x"), arrayOf("KT.LINSERT", "l", "-5", "x"), arrayOf("KT.LDEL", "l", "3")))
            error(*bad) shouldBe "ERR index out of bounds"
        call("KT.LINSERT", "l", "3", "end") shouldBe "OK"
        call("KT.LINSERT", "l", "-5", "start") shouldBe "OK"
        call("KT.LALL", "l") shouldBe listOf("start", "A", "b", "c", "end")
        error("KT.LGET", "l", "x") shouldBe "ERR 'x' is not a number"
        call("PING") shouldBe "PONG"
    }

    test("a list on an empty key: reads see nothing, a write creates it, the last pop deletes it") {
        call("KT.LALL", "none") shouldBe emptyList<Any>()
        call("KT.LPOP", "none") shouldBe null
        error("KT.LGET", "none", "0") shouldBe "ERR index out of bounds"
        call("KT.LINSERT", "fresh", "0", "v") shouldBe "OK"
        call("TYPE", "fresh") shouldBe "list"
        call("KT.RPOP", "fresh") shouldBe "v"
        call("EXISTS", "fresh") shouldBe 0L
        error("KT.RPUSH", "s", "x") shouldBe wrongType
        error("KT.LALL", "s") shouldBe wrongType
        error("KT.LPOP", "s") shouldBe wrongType
    }

    test("a hash: several fields at once with NX, XX and COUNT_ALL, deletes, reads of several fields") {
        call("KT.HSET", "h", "-", "a", "1", "b", "2") shouldBe 0L
        call("KT.HSET", "h", "a", "a", "1", "c", "3") shouldBe 2L
        call("KT.HSET", "h", "n", "a", "9", "d", "4") shouldBe 0L
        call("HMGET", "h", "a", "d") shouldBe listOf("1", "4")
        call("KT.HSET", "h", "x", "a", "7", "e", "5") shouldBe 1L
        call("HGET", "h", "a") shouldBe "7"
        call("HEXISTS", "h", "e") shouldBe 0L
        call("KT.HSET", "h", "-", "a", ":del:", "zz", ":del:") shouldBe 1L
        call("KT.HGET", "h", "a", "b", "zz") shouldBe listOf(null, "2", null)
        call("KT.HEXISTS", "h", "b") shouldBe 1L
        call("KT.HEXISTS", "h", "a") shouldBe 0L
        call("KT.HPUT", "h", "new", "v") shouldBe 1L
        call("KT.HPUT", "h", "new", "w") shouldBe 0L
        call("KT.HDEL", "h", "new") shouldBe 1L
        call("KT.HDEL", "h", "new") shouldBe 0L
        call("KT.HLEN", "h") shouldBe 3L

        // More than the 8 fields one HashSet call takes.
        val fields = (1..20).flatMap { listOf("f$it", "v$it") }.toTypedArray()
        call("KT.HSET", "big", "-", *fields) shouldBe 0L
        call("HLEN", "big") shouldBe 20L
        call("KT.HGET", "big", *(1..20).map { "f$it" }.toTypedArray()) shouldBe (1..20).map { "v$it" }
    }

    test("a hash on an empty key, and bad input") {
        call("KT.HGET", "none", "a") shouldBe listOf(null)
        call("KT.HEXISTS", "none", "a") shouldBe 0L
        call("KT.HPUT", "h2", "f", "v") shouldBe 1L
        call("KT.HDEL", "h2", "f") shouldBe 1L
        call("EXISTS", "h2") shouldBe 0L
        error("KT.HSET", "h", "-", "a", "1", "b") shouldBe "ERR fields and values come in pairs"
        // Fields stored by reference are Valkey 9.1's; the conformance port hash_stringref covers them there.
        val (major, minor) = server.info("server", "valkey_version").split('.').map { it.toInt() }
        if (major > 9 || major == 9 && minor >= 1) call("KT.HASREF", "h", "a") shouldBe 0L
        else error("KT.HASREF", "h", "a") shouldContain "need Valkey 9.1 or later"
        error("KT.HGET", "s", "a") shouldBe wrongType
        error("KT.HSET", "s", "-", "a", "1") shouldBe wrongType
        call("PING") shouldBe "PONG"
    }

    test("a sorted set: add with NX, XX, GT, LT and what it did, increment, remove, score") {
        call("KT.ZADD", "z", "-", "1", "a") shouldBe "ADDED"
        call("KT.ZADD", "z", "-", "1", "a") shouldBe "UNCHANGED"
        call("KT.ZADD", "z", "-", "2", "a") shouldBe "UPDATED"
        call("KT.ZADD", "z", "n", "5", "a") shouldBe "SKIPPED"
        call("KT.ZADD", "z", "x", "1", "b") shouldBe "SKIPPED"
        call("KT.ZADD", "z", "g", "1", "a") shouldBe "SKIPPED"
        call("KT.ZADD", "z", "l", "1", "a") shouldBe "UPDATED"
        call("ZSCORE", "z", "a") shouldBe "1"
        call("KT.ZADD", "z", "-", "3", "b") shouldBe "ADDED"
        call("KT.ZADD", "z", "-", "5", "c") shouldBe "ADDED"
        call("KT.ZINCR", "z", "b", "0.5") shouldBe "3.5"
        call("KT.ZSCORE", "z", "b") shouldBe "3.5"
        call("KT.ZSCORE", "z", "none") shouldBe null
        call("KT.ZREM", "z", "c") shouldBe 1L
        call("KT.ZREM", "z", "c") shouldBe 0L

        error("KT.ZADD", "z", "-", "NaN", "a") shouldBe "ERR value is not a valid float"
        error("KT.ZADD", "z", "nx", "1", "a") shouldBe "ERR XX and NX options at the same time are not compatible"
        error("KT.ZADD", "z", "gl", "1", "a") shouldBe "ERR GT, LT, and/or NX options at the same time are not compatible"
        call("KT.ZINCR", "z", "a", "inf") shouldBe "inf"
        error("KT.ZINCR", "z", "a", "-inf") shouldBe "ERR resulting score is not a number (NaN)"
        call("ZSCORE", "z", "a") shouldBe "inf"
        error("KT.ZADD", "s", "-", "1", "a") shouldBe wrongType
        error("KT.ZSCORE", "s", "a") shouldBe wrongType
    }

    test("a sorted set's ranges: by score and by lex, both directions, exclusive bounds; the key's close ends them") {
        call("ZADD", "z", "1", "a", "2", "b", "3", "c") shouldBe 3L
        call("KT.ZRANGE", "z", "-inf", "+inf") shouldBe listOf("a", "1", "b", "2", "c", "3")
        call("KT.ZRANGE", "z", "-inf", "+inf", "REV") shouldBe listOf("c", "3", "b", "2", "a", "1")
        call("KT.ZRANGE", "z", "(1", "3") shouldBe listOf("b", "2", "c", "3")
        call("KT.ZRANGE", "z", "(1", "(3", "REV") shouldBe listOf("b", "2")
        call("KT.ZRANGE", "z", "5", "9") shouldBe emptyList<Any>()
        call("KT.ZRANGE", "none", "-inf", "+inf") shouldBe emptyList<Any>()

        call("ZADD", "zl", "0", "a", "0", "b", "0", "c", "0", "d") shouldBe 4L
        call("KT.ZLEX", "zl", "[b", "(d") shouldBe listOf("b", "c")
        call("KT.ZLEX", "zl", "-", "+", "REV") shouldBe listOf("d", "c", "b", "a")
        call("KT.ZLEX", "zl", "(a", "[c", "REV") shouldBe listOf("c", "b")
        error("KT.ZLEX", "zl", "x", "+") shouldBe "ERR min or max not valid string range item"
        error("KT.ZLEX", "s", "-", "+") shouldBe wrongType

        // A range left open when the command returns is ended with its key; the next one starts afresh.
        call("KT.ZPEEK", "z") shouldBe "a"
        call("KT.ZPEEK", "z") shouldBe "a"
        // A write through the key ends the range walking it (it holds pointers into the set).
        call("KT.ZWRITEWHILEWALKING", "z") shouldBe listOf("a", "false")
        call("ZRANGE", "z", "0", "-1") shouldBe listOf("b", "c")
        // So do a command run through call and a write through another key of the same name.
        call("KT.ZCALLWHILEWALKING", "z") shouldBe listOf("b", "false false false")
        call("EXISTS", "z") shouldBe 0L
    }

    test("a stream: add with an explicit or automatic ID, ranges both ways, delete while walking, trim") {
        call("KT.XADD", "x", "1-1", "a", "1") shouldBe "1-1"
        error("KT.XADD", "x", "1-1", "b", "2") shouldBe "ERR The ID specified in XADD is equal or smaller than the target stream top item"
        val auto = call("KT.XADD", "x", "*", "f", "v") as String
        auto.substringBefore('-').toLong() shouldBeGreaterThan 1L
        val paired = call("KT.XADDPAIRS", "x", "k", "v") as String
        call("XRANGE", "x", paired, paired) shouldBe listOf(listOf(paired, listOf("k", "v")))
        error("KT.XADD", "fresh", "0-0", "a", "1") shouldBe "ERR The ID specified in XADD must be greater than 0-0"

        call("KT.XADD", "y", "1-0", "a", "1")
        call("KT.XADD", "y", "2-0", "b", "2", "drop", "1")
        call("KT.XADD", "y", "3-0", "c", "3")
        call("KT.XADD", "y", "4-0", "drop", "x")
        val all = listOf(listOf("1-0", listOf("a", "1")), listOf("2-0", listOf("b", "2", "drop", "1")),
            listOf("3-0", listOf("c", "3")), listOf("4-0", listOf("drop", "x")))
        call("KT.XRANGE", "y", "-", "+") shouldBe all
        call("KT.XRANGE", "y", "-", "+", "REV") shouldBe all.reversed()
        call("KT.XRANGE", "y", "2", "3") shouldBe all.subList(1, 3)
        call("KT.XRANGE", "y", "1-0", "3-0", "EXCL") shouldBe all.subList(1, 2)
        call("KT.XRANGE", "none", "-", "+") shouldBe emptyList<Any>()

        call("KT.XDROP", "y") shouldBe 2L
        call("XRANGE", "y", "-", "+") shouldBe listOf(all[0], all[2])
        error("KT.XDELETETWICE", "y") shouldContain "deleted already"
        call("XLEN", "y") shouldBe 1L
        call("KT.XDEL", "y", "3-0") shouldBe 1L
        call("KT.XDEL", "y", "3-0") shouldBe 0L

        for (i in 1..5) call("KT.XADD", "t", "$i-0", "n", "$i")
        call("KT.XTRIM", "t", "MAXLEN", "3") shouldBe 2L
        call("KT.XLEN", "t") shouldBe 3L
        call("KT.XTRIM", "t", "MINID", "5") shouldBe 2L
        call("XRANGE", "t", "-", "+") shouldBe listOf(listOf("5-0", listOf("n", "5")))
        call("KT.XTRIM", "none", "MAXLEN", "0") shouldBe 0L
        call("KT.XLEN", "none") shouldBe 0L
    }

    test("a stream's bad input and wrong type") {
        error("KT.XADD", "x", "bad", "f", "v") shouldBe "ERR Invalid stream ID specified as stream command argument"
        error("KT.XADD", "x", "*", "f", "v", "g") shouldBe "ERR a stream entry needs a value for each field"
        error("KT.XTRIM", "x", "MAXLEN", "-1") shouldBe "ERR a stream's length cannot be negative"
        error("KT.XADD", "s", "*", "f", "v") shouldBe wrongType
        error("KT.XRANGE", "s", "-", "+") shouldBe wrongType
        call("EXISTS", "x") shouldBe 0L
        call("PING") shouldBe "PONG"
    }

    test("a string read and written in place, grown and cut; an integer-encoded one too") {
        call("KT.SWRITE", "str", "0", "hello") shouldBe 5L
        call("KT.SWRITE", "str", "10", "world") shouldBe 15L
        call("GET", "str") shouldBe "hello\u0000\u0000\u0000\u0000\u0000world"
        call("KT.SREAD", "str", "3", "4") shouldBe "lo\u0000\u0000"
        call("KT.SREAD", "str", "14", "10") shouldBe "d"
        call("KT.SREAD", "str", "100", "5") shouldBe ""
        call("KT.STRUNCATE", "str", "5") shouldBe "OK"
        call("KT.SGET", "str") shouldBe "hello"
        call("KT.STRUNCATE", "str", "7") shouldBe "OK"
        call("STRLEN", "str") shouldBe 7L

        call("SET", "n", "12345")
        call("KT.SWRITE", "n", "0", "9") shouldBe 5L
        call("GET", "n") shouldBe "92345"
        call("SET", "e", "v", "EX", "100")
        call("KT.SWRITE", "e", "1", "w") shouldBe 2L
        (call("TTL", "e") as Long) shouldBeGreaterThan 0L

        call("KT.STRUNCATE", "fresh", "0") shouldBe "OK"
        call("EXISTS", "fresh") shouldBe 0L
        call("KT.STRUNCATE", "fresh", "3") shouldBe "OK"
        call("GET", "fresh") shouldBe "\u0000\u0000\u0000"
        call("KT.SGET", "none") shouldBe ""

        error("KT.SREAD", "str", "-1", "2") shouldBe "ERR offset and length cannot be negative: -1, 2"
        error("KT.STRUNCATE", "str", "600000000") shouldBe "ERR string exceeds maximum allowed size (512 MB)"
        call("RPUSH", "l", "x")
        error("KT.SGET", "l") shouldBe wrongType
        error("KT.SWRITE", "l", "0", "x") shouldBe wrongType
    }

    test("keys and databases: exists, unlink, size, a random key, selecting another database") {
        call("KT.DB") shouldBe listOf(0L, 1L)
        call("KT.EXISTS", "s") shouldBe 1L
        call("KT.EXISTS", "none") shouldBe 0L
        call("KT.RANDOM") shouldBe "s"
        call("KT.UNLINK", "s") shouldBe 1L
        call("KT.UNLINK", "s") shouldBe 0L
        call("KT.RANDOM") shouldBe null

        server.newClient().use { client ->
            client.sendCommand({ "KT.SELECT".toByteArray() }, "2")
            client.set("in2", "v")
            (client.sendCommand({ "KT.DB".toByteArray() }) as List<*>) shouldBe listOf(2L, 1L)
        }
        call("KT.EXISTSIN", "2", "in2") shouldBe 1L
        call("KT.DB") shouldBe listOf(0L, 0L)
        call("EXISTS", "in2") shouldBe 0L
        error("KT.SELECT", "99") shouldBe "ERR the server has no database 99"
    }

    test("replies of the views keep their RESP2 and RESP3 types: doubles, booleans, nulls") {
        call("ZADD", "z", "1.5", "a")
        call("HSET", "h", "f", "v")
        RawResp(server.host, server.port, 2).use { raw ->
            raw.exchange("KT.ZRANGE", "z", "-inf", "+inf") shouldBe "*2\r\n\$1\r\na\r\n\$3\r\n1.5\r\n"
            raw.exchange("KT.HEXISTS", "h", "f") shouldBe ":1\r\n"
            raw.exchange("KT.ZSCORE", "z", "none") shouldBe "\$-1\r\n"
            raw.exchange("KT.HGET", "h", "f", "g") shouldBe "*2\r\n\$1\r\nv\r\n\$-1\r\n"
        }
        RawResp(server.host, server.port, 3).use { raw ->
            raw.exchange("KT.ZRANGE", "z", "-inf", "+inf") shouldBe "*2\r\n\$1\r\na\r\n,1.5\r\n"
            raw.exchange("KT.HEXISTS", "h", "f") shouldBe "#t\r\n"
            raw.exchange("KT.ZSCORE", "z", "none") shouldBe "_\r\n"
            raw.exchange("KT.HGET", "h", "f", "g") shouldBe "*2\r\n\$1\r\nv\r\n_\r\n"
        }
    }
})
