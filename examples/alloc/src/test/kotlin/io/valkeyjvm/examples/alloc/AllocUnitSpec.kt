package io.valkeyjvm.examples.alloc

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.kotest.TestErrorReply
import io.valkeyjvm.kotest.testContext
import io.valkeyjvm.kotest.testErrorReply

/**
 * ALLOC.SET's size check without a server. Everything after it (the key, its value, ALLOC.GET)
 * needs one: AllocSpec.
 */
class AllocUnitSpec : FunSpec({
    test("ALLOC.SET refuses a size that is not a non-negative integer") {
        for (bad in listOf("-1", "abc", "1.5", " 3", "+3", "03", "", "99999999999999999999")) {
            withClue("n = '$bad'") { alloc.testErrorReply("ALLOC.SET", "k", bad) shouldBe "ERR invalid size: must be a non-negative integer" }
        }
    }

    test("ALLOC.SET refuses more than 512 MB") {
        alloc.testErrorReply("ALLOC.SET", "k", "536870913") shouldBe "ERR invalid size: at most 536870912 bytes (512 MB)"
        alloc.testErrorReply("ALLOC.SET", "k", Long.MAX_VALUE.toString()) shouldBe "ERR invalid size: at most 536870912 bytes (512 MB)"
    }

    test("ALLOC.SET takes 0 to 512 MB, logs the key and size, then needs the server for the key") {
        for (good in listOf("0", "5", "536870912")) {
            val context = alloc.testContext("ALLOC.SET", "k", good)
            context.reply().shouldBeInstanceOf<TestErrorReply>().line shouldContain "openKeyForWrite needs a live server"
            context.logged shouldBe listOf(LogLevel.DEBUG to "key: k, size: $good")
        }
    }

    test("wrong arity") {
        alloc.testErrorReply("ALLOC.SET", "k") shouldBe "ERR wrong number of arguments for 'alloc.set' command"
        alloc.testErrorReply("ALLOC.SET", "k", "1", "2") shouldBe "ERR wrong number of arguments for 'alloc.set' command"
        alloc.testErrorReply("ALLOC.GET") shouldBe "ERR wrong number of arguments for 'alloc.get' command"
        alloc.testErrorReply("ALLOC.GET", "a", "b") shouldBe "ERR wrong number of arguments for 'alloc.get' command"
    }
})
