package io.valkeyjvm.core.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** Reading the JVM's ranges from its start-up log, as the loader has it written (the fork spec runs it for real). */
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

    // Lines as JDK 17 (G1) and JDK 25 (Serial) write them, and a mapping of the archive file.
    val jdk17 = """
        [0.001s][info][pagesize] CodeHeap 'non-nmethods':  min=2496K max=5692K base=0x00007fc668938000 page_size=4K size=5692K
        [0.001s][info][pagesize] CodeHeap 'profiled nmethods':  min=2496K max=120032K base=0x00007fc661400000 page_size=4K size=120032K
        [0.003s][info ][pagesize     ] Heap:  min=8M max=6028M base=0x0000000687400000 page_size=4K size=6028M
        [0.003s][info ][pagesize     ] Card Table: req_size=12056K base=0x00007fc67c49c000 page_size=4K alignment=4K size=12056K
        [0.003s][info ][pagesize     ] Prev Bitmap: req_size=96448K base=0x00007fc65aa0a000 page_size=4K alignment=4K size=96448K
        [0.005s][info ][cds          ] Reserved archive_space_rs [0x00007fc5f7000000 - 0x00007fc5f8000000] (16777216) bytes
        [0.005s][info ][cds          ] Reserved class_space_rs   [0x00007fc5f8000000 - 0x00007fc638000000] (1073741824) bytes
    """.trimIndent()
    val jsaMapped = "7fc5f7000000-7fc5f7bc7000 rw-p 00001000 08:01 123  /usr/lib/jvm/java-17/lib/server/classes.jsa\n" +
        "7fc5f8000000-7fc5f8040000 rw-p 00000000 00:00 0 \n"
    fun ranges(log: String, gcTables: Boolean, maps: String) =
        ForkExclusion.otherReservations(log, gcTables, maps).map { it[0].toString(16) to it[1].toString(16) }

    test("the code heaps, the collector's tables and the class data archive with its class space; never the heap's line") {
        ranges(jdk17, true, jsaMapped) shouldBe listOf(
            "7fc668938000" to "7fc668ec7000", "7fc661400000" to "7fc668938000",
            "7fc67c49c000" to "7fc67d062000", "7fc65aa0a000" to "7fc66083a000",
            "7fc5f7000000" to "7fc5f8000000", "7fc5f8000000" to "7fc638000000")
    }

    test("with a collector of another kind, the code heaps and the archive only") {
        ranges(jdk17, false, jsaMapped) shouldBe listOf(
            "7fc668938000" to "7fc668ec7000", "7fc661400000" to "7fc668938000",
            "7fc5f7000000" to "7fc5f8000000", "7fc5f8000000" to "7fc638000000")
    }

    test("an archive reservation where no archive file is mapped (given back after a failed mapping) is not used, nor its class space") {
        ranges(jdk17, false, "") shouldBe listOf("7fc668938000" to "7fc668ec7000", "7fc661400000" to "7fc668938000")
        val elsewhere = "7fc000000000-7fc000100000 rw-p 00001000 08:01 123  /usr/lib/jvm/java-17/lib/server/classes.jsa\n"
        ranges(jdk17, false, elsewhere) shouldBe listOf("7fc668938000" to "7fc668ec7000", "7fc661400000" to "7fc668938000")
    }

    test("of two tries at the archive, the last counts; a class space not right after it is not used") {
        val retried = jdk17 + "\n[0.006s][info ][cds          ] Reserved archive_space_rs [0x00007fc5e7000000 - 0x00007fc5e8000000] (16777216) bytes\n" +
            "[0.006s][info ][cds          ] Reserved class_space_rs   [0x00007fc600000000 - 0x00007fc640000000] (1073741824) bytes\n"
        val mapped = "7fc5e7001000-7fc5e7d95000 rw-p 00001000 08:01 123  /opt/jdk/lib/server/classes.jsa\n"
        ranges(retried, false, mapped).drop(2) shouldBe listOf("7fc5e7000000" to "7fc5e8000000")
    }

    test("JDK 25's forms: sizes after the base, in bytes too, cut to whole pages") {
        val jdk25 = """
            [0.003s][info][pagesize] CodeHeap 'profiled nmethods':  min=2496K max=120036K base=0x00007f07883ff000 size=120036K page_size=4K
            [0.004s][info][pagesize] Card Table:  min=12345345B max=12345345B base=0x00007fcca0839000 page_size=4K size=12345345B
        """.trimIndent()
        ranges(jdk25, true, "") shouldBe listOf("7f07883ff000" to "7f078f938000", "7fcca0839000" to "7fcca13ff000")
    }
})


private fun LongArray?.shouldBeNullRange() = (this == null) shouldBe true
