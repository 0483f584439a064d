package io.valkeyjvm.core.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldEndWith

/** The failure log's limit, with a hand-driven clock and scheduler. */
class FailureLogSpec : FunSpec({
    val second = 1_000_000_000L

    class Rig {
        var now = 0L
        val scheduled = mutableListOf<Pair<Long, Runnable>>()
        val lines = mutableListOf<String>()
        val log = FailureLog({ now }, 60 * second, 3, { delay, task -> scheduled += (now + delay) to task }, { lines += it })

        fun fail(who: String = "command 'x'", what: String = "threw java.lang.OutOfMemoryError") =
            log.write(who, what, { "full line for $who $what" }, { lines += it })

        /** Runs the scheduled tasks that are due. */
        fun runDue() {
            val due = scheduled.filter { it.first <= now }
            scheduled.removeAll(due)
            due.forEach { it.second.run() }
        }
    }

    test("the first lines of a kind in full, the rest counted and summed up when the window ends") {
        val rig = Rig()
        repeat(100) { rig.fail() }
        rig.lines shouldHaveSize 3
        rig.lines[2] shouldEndWith "more are counted, and summarized in one line per 60 s]"
        rig.scheduled shouldHaveSize 1
        rig.now = 60 * second
        rig.runDue()
        rig.lines.last() shouldBe "valkey-jvm: command 'x' threw java.lang.OutOfMemoryError 97 more times in the last 60 s"
        // A new window: full lines again.
        rig.fail()
        rig.lines.last() shouldBe "full line for command 'x' threw java.lang.OutOfMemoryError"
    }

    test("a failure after the window writes the summary first, and the scheduled summary then has nothing to add") {
        val rig = Rig()
        repeat(5) { rig.fail() }
        rig.now = 61 * second
        rig.fail()
        rig.lines.takeLast(2) shouldBe listOf(
            "valkey-jvm: command 'x' threw java.lang.OutOfMemoryError 2 more times in the last 61 s",
            "full line for command 'x' threw java.lang.OutOfMemoryError",
        )
        val before = rig.lines.size
        rig.now = 200 * second
        rig.runDue()
        rig.lines shouldHaveSize before
    }

    test("kinds are limited apart: who failed, and how") {
        val rig = Rig()
        repeat(10) {
            rig.fail("command 'a'")
            rig.fail("command 'b'")
            rig.fail("command 'a'", "threw java.lang.IllegalStateException")
        }
        rig.lines shouldHaveSize 9
    }

    test("a window without counted failures needs no summary") {
        val rig = Rig()
        repeat(3) { rig.fail() }
        rig.scheduled shouldHaveSize 0
    }
})
