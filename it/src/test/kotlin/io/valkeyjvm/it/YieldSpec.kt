package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import redis.clients.jedis.exceptions.JedisDataException

/** A long command that yields lets the server handle other clients, which learn it is busy. */
class YieldSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)) { config("busy-reply-threshold", "100") })

    test("while a yielding command runs, other clients get -BUSY with the module's message instead of waiting") {
        val pool = Executors.newSingleThreadExecutor()
        val busy = pool.submit<Any?> { server.newClient().use { it.sendCommand({ "FIXTURE.BUSY".toByteArray() }, "1500".toByteArray()) } }
        Thread.sleep(500) // past busy-reply-threshold, well before the command ends
        shouldThrow<JedisDataException> { server.newClient().use { it.ping() } }.message shouldBe "BUSY fixture is working"
        (busy.get(20, TimeUnit.SECONDS) as Long) shouldBeGreaterThan 100L
        server.call("PING") shouldBe "PONG"
        pool.shutdown()
    }
})
