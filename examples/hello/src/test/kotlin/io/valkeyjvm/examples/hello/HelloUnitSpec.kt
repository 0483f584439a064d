package io.valkeyjvm.examples.hello

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testCall
import io.valkeyjvm.kotest.testErrorReply

/** The hello commands' handlers without a server (HelloSpec runs them in one). */
class HelloUnitSpec : FunSpec({
    test("HELLO.LEFTPAD pads, leaves long strings alone, and refuses bad input") {
        hello.testCall("HELLO.LEFTPAD", "foo", "6", "x") shouldBe "xxxfoo"
        hello.testCall("HELLO.LEFTPAD", "foobar", "3", "x") shouldBe "foobar"
        hello.testCall("HELLO.LEFTPAD", "foobar", "3", "xy") shouldBe "foobar"   // as in C: the pad is checked only when used
        hello.testErrorReply("HELLO.LEFTPAD", "foo", "-1", "x") shouldBe "ERR invalid padding length"
        hello.testErrorReply("HELLO.LEFTPAD", "foo", "6", "xy") shouldBe "ERR padding must be a single char"
        hello.testErrorReply("HELLO.LEFTPAD", "foo", "536870913", "x") shouldBe "ERR invalid padding length"
        hello.testErrorReply("HELLO.LEFTPAD", "foo") shouldBe "ERR wrong number of arguments for 'hello.leftpad' command"
    }

    test("HELLO.RAND.ARRAY replies that many non-negative integers") {
        val numbers = hello.testCall("HELLO.RAND.ARRAY", "5") as List<*>
        numbers shouldHaveSize 5
        numbers.forEach { (it as Long) shouldBeGreaterThanOrEqual 0L }
        hello.testCall("HELLO.RAND.ARRAY", "0") shouldBe emptyList<Any>()
        hello.testErrorReply("HELLO.RAND.ARRAY", "x") shouldBe "ERR invalid count"
        hello.testErrorReply("HELLO.RAND.ARRAY", "-1") shouldBe "ERR invalid count"
    }

    test("HELLO.SIMPLE replies the selected database, whatever its arguments") {
        hello.testCall("HELLO.SIMPLE", db = 3) shouldBe 3L
        hello.testCall("HELLO.SIMPLE", "ignored", "too") shouldBe 0L
    }
})
