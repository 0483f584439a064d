package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.math.BigInteger

/** Replies as values: factories, typed accessors and their errors, and writing any value through Replies. */
class ReplyValueSpec : FunSpec({
    test("accessors read what a command would reply, strings binary-safe") {
        val bytes = byteArrayOf(0, 13, 10, -1)
        ReplyValue.of(bytes).asString().toByteArray() shouldBe bytes
        ReplyValue.simple("OK").asText() shouldBe "OK"
        ReplyValue.of(42).asLong() shouldBe 42L
        ReplyValue.of("17").asLong() shouldBe 17L
        ReplyValue.of(2.5).asDouble() shouldBe 2.5
        ReplyValue.of(3).asDouble() shouldBe 3.0
        ReplyValue.of(true).asBoolean() shouldBe true
        ReplyValue.of(0).asBoolean() shouldBe false
        ReplyValue.Verbatim("txt", ValkeyString.of("text")).asText() shouldBe "text"
        ReplyValue.NULL.isNull shouldBe true
        ReplyValue.NULL.asStringOrNull() shouldBe null
        ReplyValue.NULL.orNull() shouldBe null
        // RESP2's null array is a null too, told apart only by how RESP2 clients get it.
        ReplyValue.NULL_ARRAY.isNull shouldBe true
        ReplyValue.NULL_ARRAY.asStringOrNull() shouldBe null
        (ReplyValue.NULL_ARRAY as ReplyValue.Null).array() shouldBe true
        (ReplyValue.NULL as ReplyValue.Null).array() shouldBe false
        ReplyValue.of("x").orNull() shouldBe ReplyValue.of("x")
    }

    test("aggregates: arrays, sets, maps, and a RESP2 flat array read as a map") {
        val page = ReplyValue.array(ReplyValue.of("0"), ReplyValue.arrayOf(listOf(ValkeyString.of("a"), ValkeyString.of("b"))))
        page.get(0).asText() shouldBe "0"
        page.get(1).asList().map { it.asText() } shouldBe listOf("a", "b")
        ReplyValue.Set(listOf(ReplyValue.of(1))).asList() shouldBe listOf(ReplyValue.of(1))
        val map = ReplyValue.map(mapOf(ReplyValue.of("f") to ReplyValue.of(1)))
        map.asMap()[ReplyValue.of("f")] shouldBe ReplyValue.of(1)
        ReplyValue.array(ReplyValue.of("f"), ReplyValue.of(1)).asMap() shouldBe map.asMap()
        shouldThrow<IndexOutOfBoundsException> { page.get(2) }.message shouldBe "element 2 of an array of 2"
    }

    test("a wrong accessor says what it found; an error reply throws its own line") {
        shouldThrow<IllegalStateException> { ReplyValue.of("abc").asLong() }.message shouldBe
            "expected an integer reply, got the bulk string 'abc'"
        shouldThrow<IllegalStateException> { ReplyValue.of(5).asList() }.message shouldBe "expected an array reply, got the integer 5"
        shouldThrow<IllegalStateException> { ReplyValue.NULL.asString() }.message shouldBe "expected a string reply, got null"
        val wrongType = ReplyValue.error("WRONGTYPE Operation against a key holding the wrong kind of value")
        shouldThrow<ValkeyException> { wrongType.asLong() }.replyLine() shouldBe
            "WRONGTYPE Operation against a key holding the wrong kind of value"
        shouldThrow<ValkeyException> { wrongType.orThrow() }.code() shouldBe "WRONGTYPE"
        ReplyValue.error("no code").let { (it as ReplyValue.Error).line() } shouldBe "ERR no code"
    }

    test("values are checked where the protocol would break") {
        shouldThrow<IllegalArgumentException> { ReplyValue.simple("two\r\nlines") }.message shouldContain "CR or LF"
        shouldThrow<IllegalArgumentException> { ReplyValue.Verbatim("text", ValkeyString.of("x")) }.message shouldContain "3 characters"
    }

    test("Replies.reply writes any value as the matching reply calls") {
        val written = mutableListOf<String>()
        val replies = RecordingReplies(written)
        replies.reply(
            ReplyValue.array(
                ReplyValue.of("s"), ReplyValue.simple("OK"), ReplyValue.of(7), ReplyValue.of(1.5), ReplyValue.of(false),
                ReplyValue.of(BigInteger("123456789012345678901234567890")), ReplyValue.Verbatim("mkd", ValkeyString.of("# t")),
                ReplyValue.NULL, ReplyValue.Set(listOf(ReplyValue.of(1))),
                ReplyValue.map(mapOf(ReplyValue.of("k") to ReplyValue.error("ERR inner"))),
            ),
        )
        written shouldBe listOf(
            "array 10", "bulk s", "simple OK", "integer 7", "double 1.5", "boolean false",
            "bignumber 123456789012345678901234567890", "verbatim mkd # t", "null", "set 1", "integer 1",
            "map 1", "bulk k", "error ERR inner",
        )
    }

    test("Replies.reply of a list of strings writes an array, a null for each null element") {
        val written = mutableListOf<String>()
        RecordingReplies(written).reply(listOf(ValkeyString.of("a"), null, ValkeyString.of("")))
        written shouldBe listOf("array 3", "bulk a", "null", "bulk ")
        written.clear()
        RecordingReplies(written).reply(emptyList<ValkeyString>())
        written shouldBe listOf("array 0")
    }
})

/** Records each Replies call as a line. */
private class RecordingReplies(private val written: MutableList<String>) : Replies {
    override fun reply(value: Long) { written += "integer $value" }
    override fun reply(value: Double) { written += "double $value" }
    override fun replyLongDouble(value: Double) { written += "long double $value" }
    override fun reply(value: Boolean) { written += "boolean $value" }
    override fun reply(value: ValkeyString) { written += "bulk $value" }
    override fun reply(value: ByteArray) { written += "bulk ${String(value)}" }
    override fun reply(value: String) { written += "bulk $value" }
    override fun replySimple(status: String) { written += "simple $status" }
    override fun replyOk() { written += "simple OK" }
    override fun replyError(message: String) { written += "error $message" }
    override fun replyErrorLine(line: String) { written += "error line $line" }
    override fun replyNull() { written += "null" }
    override fun replyNullArray() { written += "null array" }
    override fun replyEmptyArray() { written += "array 0" }
    override fun replyEmptyString() { written += "bulk " }
    override fun replyArray(length: Long) { written += "array $length" }
    override fun replyMap(pairs: Long) { written += "map $pairs" }
    override fun replySet(length: Long) { written += "set $length" }
    override fun replyAttribute(pairs: Long) { written += "attribute $pairs" }
    override fun replyBigNumber(digits: String) { written += "bignumber $digits" }
    override fun replyVerbatim(text: String, format: String) { written += "verbatim $format $text" }
    override fun replyArray(): PostponedLength = throw UnsupportedOperationException()
    override fun replyMap(): PostponedLength = throw UnsupportedOperationException()
    override fun replySet(): PostponedLength = throw UnsupportedOperationException()
}
