package io.valkeyjvm.kotest

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import java.net.InetAddress
import java.net.ServerSocket
import kotlin.time.Duration.Companion.seconds

class ValkeyServerLifecycleSpec : FunSpec({
    timeout = 60_000

    test("stop() shuts the process down, closes clients, and is idempotent") {
        val server = ValkeyServer.start(valkeyServerConfig())
        val extra = server.newClient()
        server.client.ping() shouldBe "PONG"
        extra.ping() shouldBe "PONG"

        server.stop()

        server.isAlive shouldBe false
        server.awaitExit(1.seconds) shouldBe 0
        server.client.isConnected shouldBe false
        extra.isConnected shouldBe false
        server.log() shouldContain "ready to exit"
        server.stop()
        server.isAlive shouldBe false
        shouldThrow<IllegalStateException> { server.newClient() }.message shouldContain "stopped"
    }

    test("signal() delivers a POSIX signal and awaitExit() reports the exit code") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            server.awaitExit(0.seconds) shouldBe null
            server.signal("TERM")
            server.awaitExit(10.seconds) shouldBe 0
            server.log() shouldContain "Received SIGTERM"
        }
    }

    test("a paused server is killed after stopTimeout") {
        val server = ValkeyServer.start(valkeyServerConfig { stopTimeout = 1.seconds })
        server.signal("SIGSTOP")
        server.stop()
        server.isAlive shouldBe false
        server.awaitExit(1.seconds) shouldNotBe 0
    }

    test("start retries with another port when the picked one is taken") {
        ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")).use { taken ->
            val ports = ArrayDeque(listOf(taken.localPort, taken.localPort))
            val free = ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")).use { it.localPort }
            ports.addLast(free)
            ValkeyServer.start(valkeyServerConfig()) { ports.removeFirst() }.use { server ->
                server.port shouldBe free
                server.client.ping() shouldBe "PONG"
            }
            ports.size shouldBe 0
        }
    }

    test("start gives up after three port clashes with the bind error in the message") {
        ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")).use { taken ->
            val error = shouldThrow<ValkeyServerStartException> {
                ValkeyServer.start(valkeyServerConfig()) { taken.localPort }
            }
            error.message shouldContain "3 attempts"
            error.message shouldContain "Address already in use"
        }
    }

    test("the extension stops its servers after the spec") {
        val extension = valkeyServer()
        val server = extension.mount { config("appendonly", "no") }
        server.isAlive shouldBe true
        extension.afterSpec(this.testCase.spec)
        server.isAlive shouldBe false
    }
})
