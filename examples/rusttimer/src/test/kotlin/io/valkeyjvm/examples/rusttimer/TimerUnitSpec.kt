package io.valkeyjvm.examples.rusttimer

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.testErrorReply

/**
 * The timer commands' errors without a server. Starting a timer (and so the TIMER.INFO and
 * TIMER.STOP of a real one) needs one: TimerSpec.
 */
class TimerUnitSpec : FunSpec({
    test("TIMER.INFO and TIMER.STOP of an id never handed out") {
        timerModule.testErrorReply("TIMER.INFO", "999999") shouldBe "ERR timer may not exist"
        timerModule.testErrorReply("TIMER.STOP", "1") shouldBe "ERR timer may not exist"
    }

    test("malformed ids and durations") {
        for (bad in listOf("x", "-1", "1.5", "")) {
            timerModule.testErrorReply("TIMER.INFO", bad) shouldBe "ERR invalid timer id"
            timerModule.testErrorReply("TIMER.STOP", bad) shouldBe "ERR invalid timer id"
            timerModule.testErrorReply("TIMER.CREATE", bad, "data") shouldBe "ERR invalid duration"
        }
    }

    test("wrong arity") {
        timerModule.testErrorReply("TIMER.CREATE", "10") shouldBe "ERR wrong number of arguments for 'timer.create' command"
        timerModule.testErrorReply("TIMER.INFO") shouldBe "ERR wrong number of arguments for 'timer.info' command"
        timerModule.testErrorReply("TIMER.STOP", "1", "2") shouldBe "ERR wrong number of arguments for 'timer.stop' command"
    }
})
