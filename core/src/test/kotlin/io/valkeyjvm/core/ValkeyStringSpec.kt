package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe

class ValkeyStringSpec : FunSpec({
    context("integers parse by the server's string2ll rules") {
        withData(
            nameFn = { (text, value) -> "'$text' is $value" },
            "0" to 0L, "7" to 7L, "-7" to -7L, "42" to 42L,
            "9223372036854775807" to Long.MAX_VALUE, "-9223372036854775808" to Long.MIN_VALUE,
        ) { (text, value) -> ValkeyString.of(text).toLongOrNull() shouldBe value }
        withData(nameFn = { "'$it' is not an integer" }, "", "-", "-0", "01", "+1", " 1", "1 ", "1.0", "0x10", "9223372036854775808",
            "-9223372036854775809", "12345678901234567890123", "1e3") { text ->
            ValkeyString.of(text).toLongOrNull() shouldBe null
        }
    }

    test("toLong fails with the server's error") {
        shouldThrow<ValkeyException> { ValkeyString.of("x").toLong() }.message shouldBe
            "ERR value is not an integer or out of range"
    }

    context("doubles parse like the server: decimal, inf, no NaN, no spaces") {
        withData(nameFn = { (text, value) -> "'$text' is $value" }, "1.5" to 1.5, "-2" to -2.0, "1e3" to 1000.0, "inf" to Double.POSITIVE_INFINITY,
            "-inf" to Double.NEGATIVE_INFINITY) { (text, value) -> ValkeyString.of(text).toDoubleOrNull() shouldBe value }
        withData(nameFn = { "'$it' is not a double" }, "nan", "NaN", " 1", "1 ", "1d", "abc", "") { text -> ValkeyString.of(text).toDoubleOrNull() shouldBe null }
    }

    test("bytes are kept exactly, and text is never a lossy view") {
        val raw = byteArrayOf(0, -1, 'a'.code.toByte())
        val s = ValkeyString.of(raw)
        raw[2] = 'b'.code.toByte()
        s.toByteArray().toList() shouldBe listOf<Byte>(0, -1, 'a'.code.toByte())
        s.toTextOrNull() shouldBe null
        shouldThrow<ValkeyException> { s.toText() }
        ValkeyString.of("héllo").toText() shouldBe "héllo"
    }

    test("equality and order are byte-wise, unsigned") {
        ValkeyString.of("abc") shouldBe ValkeyString.of("abc".toByteArray())
        (ValkeyString.of(byteArrayOf(-1)) > ValkeyString.of("z")) shouldBe true
        ValkeyString.of("AbC").equalsIgnoreCase("aBc") shouldBe true
    }
})
