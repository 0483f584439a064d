@file:OptIn(io.valkeyjvm.core.InternalValkeyJvmApi::class)

package io.valkeyjvm.core.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.valkeyjvm.core.ValkeyException

class ErrorRepliesSpec : FunSpec({
    context("a message with an upper-case error code goes as is, anything else gets ERR") {
        withData(
            nameFn = { (message, reply) -> "'$message' -> '$reply'" },
            "ERR invalid count" to "ERR invalid count",
            "WRONGTYPE Operation against a key" to "WRONGTYPE Operation against a key",
            "BUSYKEY" to "BUSYKEY",
            "invalid count" to "ERR invalid count",
            "I failed" to "ERR I failed",
            "Request failed" to "ERR Request failed",
            "two\r\nlines" to "ERR two  lines",
            "" to "ERR",
            "  " to "ERR",
            "ERR unknown command 'foo', with args beginning with: " to "ERR unknown command 'foo', with args beginning with: ",
        ) { (message, reply) -> ErrorReplies.format(message) shouldBe reply }
    }

    test("exceptions map to their message, or their class when they have none") {
        ErrorReplies.of(ValkeyException("NOPERM no")) shouldBe "NOPERM no"
        ErrorReplies.of(IllegalStateException("boom")) shouldBe "ERR boom"
        ErrorReplies.of(NullPointerException()) shouldBe "ERR java.lang.NullPointerException"
    }

    test("only a ValkeyException chooses its error code; any other exception is ERR <message>") {
        ErrorReplies.of(IllegalStateException("URL is bad")) shouldBe "ERR URL is bad"
        ErrorReplies.of(IllegalArgumentException("WRONGTYPE looks like a code")) shouldBe "ERR WRONGTYPE looks like a code"
        ErrorReplies.of(IllegalStateException("two\r\nlines")) shouldBe "ERR two  lines"
        ErrorReplies.of(ValkeyException("URL is bad")) shouldBe "URL is bad"
        ErrorReplies.of(ValkeyException.error("URL is bad")) shouldBe "ERR URL is bad"
        ErrorReplies.of(ValkeyException.withCode("BUSYKEY", "Target key name already exists.")) shouldBe
            "BUSYKEY Target key name already exists."
        ErrorReplies.of(ValkeyException.wrongType()) shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
        ValkeyException.wrongType().code() shouldBe "WRONGTYPE"
        (ValkeyException.wrongType() is ValkeyException.WrongTypeException) shouldBe true
        ValkeyException("invalid count").code() shouldBe "ERR"
    }

    test("a verbatim error line goes out as written, with no code added; CR and LF still become spaces") {
        ErrorReplies.of(ValkeyException.verbatim("not found")) shouldBe "not found"
        ErrorReplies.of(ValkeyException.verbatim("Err User does not exists")) shouldBe "Err User does not exists"
        ErrorReplies.of(ValkeyException.verbatim("two\r\nlines")) shouldBe "two  lines"
    }

    test("a custom error code must be an upper-case word") {
        for (bad in listOf("busykey", "B", "BUSY KEY", "", "1ERR")) {
            shouldThrow<IllegalArgumentException> { ValkeyException.withCode(bad, "x") }
        }
    }
})
