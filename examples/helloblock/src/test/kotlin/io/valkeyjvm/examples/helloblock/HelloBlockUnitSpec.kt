package io.valkeyjvm.examples.helloblock

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.testErrorReply

/**
 * The helloblock commands' argument checks without a server. What they do next, block the
 * client and suspend, needs one: HelloBlockSpec.
 */
class HelloBlockUnitSpec : FunSpec({
    test("HELLO.BLOCK refuses a delay or timeout that is not a non-negative integer") {
        for (bad in listOf(arrayOf("x", "0"), arrayOf("1", "-5"), arrayOf("-1", "0"), arrayOf("1", "1.5"))) {
            helloblock.testErrorReply("HELLO.BLOCK", *bad) shouldBe "ERR invalid count"
        }
    }

    test("HELLO.BLOCK takes good numbers and goes on to block the client") {
        helloblock.testErrorReply("HELLO.BLOCK", "0", "0") shouldContain "blocking a client needs a live server"
        helloblock.testErrorReply("HELLO.BLOCK", "1", "200") shouldContain "blocking a client needs a live server"
    }

    test("wrong arity") {
        helloblock.testErrorReply("HELLO.BLOCK", "1") shouldBe "ERR wrong number of arguments for 'hello.block' command"
        helloblock.testErrorReply("HELLO.KEYS", "x") shouldBe "ERR wrong number of arguments for 'hello.keys' command"
    }
})
