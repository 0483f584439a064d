package io.valkeyjvm.core.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** Reading the heap's range from the JVM's start-up log line, as the loader has it written (the fork spec runs it for real). */
class ForkExclusionSpec : FunSpec({
    val mb = 1024L * 1024

    test("the line's start and whole megabytes make the range") {
        val log = "[0.006s][debug][gc,heap,coops] Heap address: 0x0000000687400000, size: 6028 MB, " +
            "Compressed Oops mode: Zero based, Oop shift amount: 3\n"
        ForkExclusion.parseLog(log, 6000 * mb)?.toList() shouldBe listOf(0x687400000L, 0x800000000L)
    }

    test("no line (no compressed oops, logging turned off) gives no range") {
        ForkExclusion.parseLog("", 1).shouldBeNullRange()
        ForkExclusion.parseLog("[0.006s][info][gc,init] Compressed Oops: Enabled (Zero based)\n", 1).shouldBeNullRange()
    }

    test("a range smaller than the heap's maximum, or off a page boundary, is not used") {
        ForkExclusion.parseLog("Heap address: 0x0000000687400000, size: 10 MB, Compressed Oops mode: Zero based", 11 * mb)
            .shouldBeNullRange()
        ForkExclusion.parseLog("Heap address: 0x0000000687400010, size: 10 MB, Compressed Oops mode: Zero based", mb)
            .shouldBeNullRange()
        ForkExclusion.parseLog("Heap address: 0x0000000000000000, size: 10 MB, Compressed Oops mode: Zero based", mb)
            .shouldBeNullRange()
    }

    test("a size that overflows is not used") {
        ForkExclusion.parseLog("Heap address: 0x0000000687400000, size: 99999999999999999 MB, Compressed Oops mode: x", mb)
            .shouldBeNullRange()
    }
})

private fun LongArray?.shouldBeNullRange() = (this == null) shouldBe true
