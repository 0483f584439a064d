package io.valkeyjvm.examples.hellotimer

import io.valkeyjvm.dsl.timer
import io.valkeyjvm.dsl.valkeyModule
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds

/**
 * A port of the server's hellotimer example (src/modules/hellotimer.c): HELLOTIMER.TIMER starts
 * ten timers with random delays under five seconds; each prints "Fired After <delay>!" to the
 * server's standard output when it fires, on the main thread.
 */
val hellotimer = valkeyModule("hellotimer") {
    commands {
        command("hellotimer.timer", flags = "readonly") {
            repeat(10) {
                val delay = Random.nextInt(5000)
                val data = "After $delay"
                timer(delay.milliseconds) {
                    println("Fired $data!")
                    System.out.flush()
                }
            }
            replyOk()
        }
    }
}
