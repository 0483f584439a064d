package io.valkeyjvm.examples.javactx

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testCall
import io.valkeyjvm.kotest.testErrorReply

/** The string commands' handlers without a server (the other specs run them, and the rest, in one). */
class JavaCtxUnitSpec : FunSpec({
    test("numbers in and out, and the errors that name the argument") {
        JavaCtx.MODULE.testCall("JAVACTX.STR.INCRBY", "40", "2") shouldBe "42"
        JavaCtx.MODULE.testCall("JAVACTX.STR.INCRBYFLOAT", "2.5", "0.5") shouldBe "3"
        JavaCtx.MODULE.testErrorReply("JAVACTX.STR.INCRBY", "01", "2") shouldBe "ERR 'number' is not an integer or out of range"
        JavaCtx.MODULE.testErrorReply("JAVACTX.STR.INCRBYFLOAT", "1", "x") shouldBe "ERR 'increment' is not a valid float"
    }

    test("compare, append and reverse work on bytes") {
        JavaCtx.MODULE.testCall("JAVACTX.STR.COMPARE", "a", "b") shouldBe -1L
        JavaCtx.MODULE.testCall("JAVACTX.STR.APPEND", "a\u0000", "b") shouldBe "a\u0000b"
        JavaCtx.MODULE.testCall("JAVACTX.STR.REVERSE", "abc\u0000") shouldBe "\u0000cba"
        JavaCtx.MODULE.testErrorReply("JAVACTX.STR.REVERSE") shouldBe "ERR wrong number of arguments for 'javactx.str.reverse' command"
    }
})
