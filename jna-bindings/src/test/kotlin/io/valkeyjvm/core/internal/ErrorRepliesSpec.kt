package io.valkeyjvm.core.internal

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
        ) { (message, reply) -> ErrorReplies.format(message) shouldBe reply }
    }

    test("exceptions map to their message, or their class when they have none") {
        ErrorReplies.of(ValkeyException("NOPERM no")) shouldBe "NOPERM no"
        ErrorReplies.of(IllegalStateException("boom")) shouldBe "ERR boom"
        ErrorReplies.of(NullPointerException()) shouldBe "ERR java.lang.NullPointerException"
    }
})
