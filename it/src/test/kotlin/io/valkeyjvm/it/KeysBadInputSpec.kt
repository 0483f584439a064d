package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/**
 * Bad input to the key types' views (lists, sorted sets, strings in place): wrong arity, texts
 * that are not numbers, indexes and offsets out of range, NaN scores, keys of another type. Each
 * is an error reply that says what is wrong, the key is left as it was, and the server answers PING.
 */
class KeysBadInputSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.keyTypes)))
    fun call(vararg args: String) = server.call(*args)
    fun error(vararg args: String): String = server.errorReply(*args)
    val wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"

    beforeTest {
        call("FLUSHALL")
        call("SET", "s", "text")
        call("RPUSH", "l", "a", "b")
        call("ZADD", "z", "1", "m")
    }

    test("a list: wrong arity, an index that is not a number or out of range, another type") {
        error("KT.LGET", "l") shouldStartWith "ERR wrong number of arguments for 'kt.lget' command"
        error("KT.LGET", "l", "first") shouldBe "ERR 'first' is not a number"
        error("KT.LGET", "l", "5") shouldContain "index"
        error("KT.LSET", "l", "-9", "x") shouldContain "index"
        error("KT.LDEL", "l", "2") shouldContain "index"
        error("KT.LGET", "s", "0") shouldBe wrongType
        call("LRANGE", "l", "0", "-1") shouldBe listOf("a", "b")
        call("PING") shouldBe "PONG"
    }

    test("a sorted set: a NaN score, an unknown flag, a score that is not a number, another type") {
        // As ZADD says of a NaN score.
        error("KT.ZADD", "z", "-", "nan", "m") shouldBe "ERR value is not a valid float"
        error("KT.ZADD", "z", "q", "1", "m") shouldBe "ERR unknown flag 'q'"
        error("KT.ZADD", "z", "-", "one", "m") shouldBe "ERR score is not a number"
        error("KT.ZINCR", "z", "m", "x") shouldBe "ERR delta is not a number"
        error("KT.ZADD", "s", "-", "1", "m") shouldBe wrongType
        call("ZSCORE", "z", "m") shouldBe "1"
        call("PING") shouldBe "PONG"
    }

    test("a string in place: a negative offset or length, a truncation below zero, another type") {
        error("KT.SREAD", "s", "-1", "2") shouldContain "offset"
        error("KT.SREAD", "s", "0", "-2") shouldContain "length"
        error("KT.SWRITE", "s", "-3", "x") shouldContain "offset"
        error("KT.STRUNCATE", "s", "-1") shouldContain "length"
        error("KT.SREAD", "l", "0", "1") shouldBe wrongType
        call("GET", "s") shouldBe "text"
        call("PING") shouldBe "PONG"
    }
})
