package io.valkeyjvm.core

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import java.math.BigDecimal

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

    test("copyInto writes the bytes at the offset and nothing around them, and refuses what does not fit") {
        val target = ByteArray(6) { '.'.code.toByte() }
        ValkeyString.of("abc").copyInto(target, 2)
        String(target) shouldBe "..abc."
        shouldThrow<IndexOutOfBoundsException> { ValkeyString.of("abc").copyInto(target, 4) }
        String(target) shouldBe "..abc."
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

    context("doubles are written as the server writes them (d2string)") {
        withData(nameFn = { (value, text) -> "$value is '$text'" },
            3.0 to "3", -2.0 to "-2", 0.0 to "0", -0.0 to "-0", 1.5 to "1.5", 0.1 to "0.1", -0.25 to "-0.25",
            1e-7 to "1e-7", 0.000123 to "0.000123", 1.0E300 to "1e+300", 1.0E19 to "1e+19", 1.0E22 to "1e+22",
            123456.789 to "123456.789", 4.611686018427388E18 to "4611686018427387904", 1.0E-100 to "1e-100",
            Double.POSITIVE_INFINITY to "inf", Double.NEGATIVE_INFINITY to "-inf", Double.NaN to "nan",
        ) { (value, text) -> ValkeyString.of(value).toText() shouldBe text }
    }

    context("unsigned integers: digits only, up to 2^64-1") {
        test("write and read back") {
            ValkeyString.ofUnsigned(-1L).toText() shouldBe "18446744073709551615"
            ValkeyString.of("18446744073709551615").toUnsignedLong() shouldBe -1L
            ValkeyString.of("9223372036854775808").toUnsignedLong() shouldBe Long.MIN_VALUE
            ValkeyString.of("0").toUnsignedLong() shouldBe 0L
            ValkeyString.of("42").toUnsignedLong() shouldBe 42L
        }
        withData(nameFn = { "'$it' is not unsigned" }, "", "-1", "+1", " 1", "01", "18446744073709551616", "99999999999999999999", "1.0", "-0") { text ->
            ValkeyString.of(text).toUnsignedLongOrNull() shouldBe null
        }
        test("a clear error") {
            shouldThrow<ValkeyException> { ValkeyString.of("-5").toUnsignedLong() }.message shouldBe
                "ERR value is not an unsigned integer or out of range"
        }
    }

    context("exact decimals, for more than a double's precision") {
        test("parse and write") {
            ValkeyString.of("0.1").toBigDecimal() shouldBe BigDecimal("0.1")
            ValkeyString.of("-2e3").toBigDecimal().compareTo(BigDecimal(-2000)) shouldBe 0
            ValkeyString.of("123456789012345678901234567890.5").toBigDecimal().toPlainString() shouldBe "123456789012345678901234567890.5"
            ValkeyString.of(BigDecimal("1.500")).toText() shouldBe "1.5"
            ValkeyString.of(BigDecimal("15E2")).toText() shouldBe "1500"
            ValkeyString.of(BigDecimal("0.000")).toText() shouldBe "0"
        }
        withData(nameFn = { "'$it' is not a decimal" }, "", " 1", "1 ", "inf", "nan", "0x10", "1e", "abc", "1.2.3") { text ->
            ValkeyString.of(text).toBigDecimalOrNull() shouldBe null
        }
        test("a clear error") {
            shouldThrow<ValkeyException> { ValkeyString.of("one").toBigDecimal() }.message shouldBe "ERR value is not a valid float"
        }
    }

    test("concat appends bytes, NUL bytes included, and leaves both strings as they were") {
        val a = ValkeyString.of(byteArrayOf(0, 'a'.code.toByte()))
        val b = a.concat(ValkeyString.of(byteArrayOf(0))).concat("é").concat(byteArrayOf(-1, 0))
        b.toByteArray().toList() shouldBe listOf<Byte>(0, 97, 0, -61, -87, -1, 0)
        a.length() shouldBe 2
        ValkeyString.of(byteArrayOf(1, 0, 2, 3), 1, 2).toByteArray().toList() shouldBe listOf<Byte>(0, 2)
        shouldThrow<IndexOutOfBoundsException> { ValkeyString.of(byteArrayOf(1), 1, 1) }
    }

    test("compare puts a NUL byte before any other, and a prefix first") {
        val nul = ValkeyString.of(byteArrayOf(0))
        (nul < ValkeyString.of(byteArrayOf(1))) shouldBe true
        (ValkeyString.of("ab") < ValkeyString.of("ab").concat(byteArrayOf(0))) shouldBe true
        (ValkeyString.of(byteArrayOf(0x7f)) < ValkeyString.of(byteArrayOf(-128))) shouldBe true
    }
})
