package io.valkeyjvm.core.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** What finishing an abandoned reply wrote, in order. */
private class RecordingFinisher : ReplyStructure.Finisher {
    val written = mutableListOf<String>()
    override fun error(line: String) { written += "error $line" }
    override fun nullElement() { written += "null" }
    override fun setLength(postponed: ReplyStructure.Frame, items: Long) { written += "length ${postponed.kind} $items" }
}

private fun ReplyStructure.scalar() {
    beforeElement()
    afterElement("scalar", 0, 1)
}

private fun ReplyStructure.aggregate(kind: String, items: Long, elementsPerItem: Int = 1) {
    beforeElement()
    afterElement(kind, items, elementsPerItem)
}

private fun ReplyStructure.postponed(kind: String, elementsPerItem: Int = 1): ReplyStructure.Frame {
    beforeElement()
    return openPostponed(kind, elementsPerItem)
}

class ReplyStructureSpec : FunSpec({
    test("an element whose writing failed before it reached the server counts as never written") {
        // Nothing written yet: the failure path sends a reply of its own.
        val alone = ReplyStructure()
        alone.beforeElement()
        alone.started().shouldBeTrue()
        alone.written().shouldBeFalse()

        // In an array of 3 with one element written, the failed second one is replaced by the error, and
        // the third by a null: exactly 3 elements reach the client.
        val reply = ReplyStructure()
        reply.aggregate("array", 3)
        reply.scalar()
        reply.beforeElement()
        reply.written().shouldBeTrue()
        val finisher = RecordingFinisher()
        reply.abandon("ERR failed", finisher).shouldBeTrue()
        finisher.written shouldBe listOf("error ERR failed", "null")
        reply.complete().shouldBeTrue()
    }

    test("one scalar is a whole reply, and nothing may follow it") {
        val reply = ReplyStructure()
        reply.started().shouldBeFalse()
        reply.scalar()
        reply.complete().shouldBeTrue()
        shouldThrow<IllegalStateException> { reply.beforeElement() }.message shouldContain "already replied"
        val finisher = RecordingFinisher()
        reply.abandon("ERR late", finisher).shouldBeFalse()
        finisher.written shouldBe emptyList()
    }

    test("an array is whole when its last element is written, nested ones included") {
        val reply = ReplyStructure()
        reply.aggregate("array", 2)
        reply.scalar()
        reply.complete().shouldBeFalse()
        reply.aggregate("map", 1, 2)
        reply.scalar()
        reply.complete().shouldBeFalse()
        reply.scalar()
        reply.complete().shouldBeTrue()
    }

    test("an aggregate opened where an earlier one closed starts its count afresh") {
        val reply = ReplyStructure()
        reply.aggregate("array", 2)
        reply.aggregate("array", 2)
        reply.scalar()
        reply.scalar()
        reply.aggregate("set", 2)
        reply.scalar()
        reply.complete().shouldBeFalse()
        reply.scalar()
        reply.complete().shouldBeTrue()
    }

    test("a postponed length already set stays set when a fixed aggregate opens at its depth") {
        val reply = ReplyStructure()
        reply.aggregate("array", 2)
        val first = reply.postponed("map", 2)
        reply.beforeSetLength(first, 0)
        reply.afterSetLength()
        reply.aggregate("set", 1)
        shouldThrow<IllegalStateException> { reply.beforeSetLength(first, 0) }.message shouldContain "already set"
        reply.scalar()
        reply.complete().shouldBeTrue()
    }

    test("an empty aggregate is a whole reply at once") {
        val reply = ReplyStructure()
        reply.aggregate("array", 0)
        reply.complete().shouldBeTrue()
    }

    test("abandoning a fixed array: the error takes the next place, nulls fill the rest") {
        val reply = ReplyStructure()
        reply.aggregate("array", 3)
        reply.scalar()
        val finisher = RecordingFinisher()
        reply.abandon("ERR failed halfway", finisher).shouldBeTrue()
        finisher.written shouldBe listOf("error ERR failed halfway", "null")
        reply.complete().shouldBeTrue()
    }

    test("abandoning before any reply writes just the error") {
        val finisher = RecordingFinisher()
        ReplyStructure().abandon("ERR nothing yet", finisher).shouldBeTrue()
        finisher.written shouldBe listOf("error ERR nothing yet")
    }

    test("an abandoned reply counts as started, so a failure after it (logging it on a full heap) sends nothing more") {
        val reply = ReplyStructure()
        reply.abandon("ERR failed", RecordingFinisher()).shouldBeTrue()
        // The command's last-resort error reply is written only while nothing was: here it must not be.
        reply.started().shouldBeTrue()
        reply.complete().shouldBeTrue()
    }

    test("abandoning a postponed map sets its length in pairs, a key without its value gets a null value") {
        val withKeyOnly = ReplyStructure()
        withKeyOnly.postponed("map", 2)
        withKeyOnly.scalar()
        RecordingFinisher().also { withKeyOnly.abandon("ERR x", it) }.written shouldBe listOf("error ERR x", "length map 1")

        val withOnePair = ReplyStructure()
        withOnePair.postponed("map", 2)
        withOnePair.scalar()
        withOnePair.scalar()
        RecordingFinisher().also { withOnePair.abandon("ERR x", it) }.written shouldBe listOf("error ERR x", "null", "length map 2")
    }

    test("abandoning nested aggregates closes them innermost first") {
        val reply = ReplyStructure()
        reply.postponed("array")
        reply.scalar()
        reply.aggregate("set", 3)
        reply.scalar()
        val finisher = RecordingFinisher()
        reply.abandon("ERR inner", finisher)
        finisher.written shouldBe listOf("error ERR inner", "null", "length array 2")
    }

    test("a postponed length must match what was written, and the innermost is set first") {
        val reply = ReplyStructure()
        val outer = reply.postponed("array")
        val inner = reply.postponed("array")
        reply.scalar()
        shouldThrow<IllegalStateException> { reply.beforeSetLength(outer, 1) }.message shouldContain "innermost"
        shouldThrow<IllegalStateException> { reply.beforeSetLength(inner, 2) }.message shouldContain "1 elements written, not 2"
        reply.beforeSetLength(inner, 1)
        reply.afterSetLength()
        reply.complete().shouldBeFalse()
        shouldThrow<IllegalStateException> { reply.beforeSetLength(inner, 1) }.message shouldContain "already set"
        reply.beforeSetLength(outer, 1)
        reply.afterSetLength()
        reply.complete().shouldBeTrue()
    }

    test("an attribute annotates the element after it: the reply is whole only after that element") {
        val reply = ReplyStructure()
        reply.afterAttribute(1)
        reply.scalar()
        reply.scalar()
        reply.complete().shouldBeFalse()
        reply.scalar()
        reply.complete().shouldBeTrue()
    }

    test("abandoning inside an attribute completes it and gives it a null element to annotate") {
        val reply = ReplyStructure()
        reply.afterAttribute(1)
        reply.scalar()
        val finisher = RecordingFinisher()
        reply.abandon("ERR x", finisher)
        finisher.written shouldBe listOf("error ERR x", "null")
        reply.complete().shouldBeTrue()
    }
})
