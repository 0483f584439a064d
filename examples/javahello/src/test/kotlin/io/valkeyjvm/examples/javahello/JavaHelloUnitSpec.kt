package io.valkeyjvm.examples.javahello

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testCall
import io.valkeyjvm.kotest.testErrorReply

/** JAVAHELLO.ECHO's handler without a server (JavaHelloSpec runs it in one, with bytes that are not text). */
class JavaHelloUnitSpec : FunSpec({
    test("JAVAHELLO.ECHO replies its argument") {
        JavaHello.MODULE.testCall("JAVAHELLO.ECHO", "hello") shouldBe "hello"
        JavaHello.MODULE.testCall("JAVAHELLO.ECHO", "") shouldBe ""
        JavaHello.MODULE.testCall("JAVAHELLO.ECHO", "ünïcode \r\n") shouldBe "ünïcode \r\n"
    }

    test("JAVAHELLO.ECHO takes exactly one argument") {
        JavaHello.MODULE.testErrorReply("JAVAHELLO.ECHO") shouldBe "ERR wrong number of arguments for 'javahello.echo' command"
        JavaHello.MODULE.testErrorReply("JAVAHELLO.ECHO", "a", "b") shouldBe "ERR wrong number of arguments for 'javahello.echo' command"
    }
})
