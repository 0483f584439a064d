package io.valkeyjvm.examples.rustblock

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import java.util.concurrent.TimeUnit

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class BlockSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustblock.so"))))

    test("BLOCK replies \"42\" after a second, while the server answers others") {
        val started = System.nanoTime()
        val blocked = server.callInBackground("BLOCK")
        Thread.sleep(100)
        server.call("PING") shouldBe "PONG"
        server.info("clients", "blocked_clients") shouldBe "1"
        blocked.get(10, TimeUnit.SECONDS) shouldBe "42"
        val elapsedMillis = (System.nanoTime() - started) / 1_000_000
        elapsedMillis shouldBeGreaterThanOrEqual 1000L
        elapsedMillis shouldBeLessThan 5000L
    }

    test("the client is released: blocked_clients is back to 0") {
        server.call("BLOCK") shouldBe "42"
        server.info("clients", "blocked_clients") shouldBe "0"
    }
})
