package io.valkeyjvm.examples.datatype3

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testErrorReply

/**
 * The datatype3 commands' argument checks without a server. Every command stores into or reads
 * a key of the data type after that, which needs one: DataType3Spec.
 */
class DataType3UnitSpec : FunSpec({
    test("MY-SET-NUMBER refuses a value that is not a signed 64-bit integer") {
        for (bad in listOf("abc", "1.5", "", " 1", "+1", "01", "9223372036854775808", "-9223372036854775809")) {
            withClue("n = '$bad'") { datatype3.testErrorReply("MY-SET-NUMBER", "k", bad) shouldBe "ERR value is not an integer or out of range" }
        }
    }

    test("wrong arity") {
        fun wrongArity(name: String) = "ERR wrong number of arguments for '$name' command"
        datatype3.testErrorReply("MY-SET-STRING", "k") shouldBe wrongArity("my-set-string")
        datatype3.testErrorReply("MY-SET-NUMBER", "k", "1", "2") shouldBe wrongArity("my-set-number")
        datatype3.testErrorReply("MY-VEC-PUSH", "k") shouldBe wrongArity("my-vec-push")
        datatype3.testErrorReply("MY-MAP-INSERT", "k", "f") shouldBe wrongArity("my-map-insert")
        datatype3.testErrorReply("MY-GET") shouldBe wrongArity("my-get")
    }
})
