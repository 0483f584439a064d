package io.valkeyjvm.examples.hellotimer

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class HelloTimerSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("hellotimer.so"))))

    test("HELLOTIMER.TIMER replies OK at once, and ten timers fire within five seconds, printing their delay") {
        decodeReply(server.command("HELLOTIMER.TIMER")) shouldBe "OK"
        val fired = Regex("Fired After (\\d+)!")
        val deadline = System.currentTimeMillis() + 8_000
        while (fired.findAll(server.stdout()).count() < 10) {
            check(System.currentTimeMillis() < deadline) { "only ${fired.findAll(server.stdout()).count()} timers fired:\n${server.stdout()}" }
            Thread.sleep(50)
        }
        val delays = fired.findAll(server.stdout()).map { it.groupValues[1].toInt() }.toList()
        delays.size shouldBe 10
        delays.forEach { it shouldBeLessThan 5000 }
        decodeReply(server.command("PING")) shouldBe "PONG"
    }
})
