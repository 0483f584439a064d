package io.valkeyjvm.examples.hellotype

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.util.concurrent.Executors
import java.util.concurrent.Future
import java.util.concurrent.TimeUnit
import redis.clients.jedis.exceptions.JedisDataException

/** HELLOTYPE.BRANGE: blocking on a key, as the C original does with BlockClientOnKeys. */
class HelloTypeBlockingSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(helloTypeModule)))
    val pool = Executors.newCachedThreadPool()
    afterSpec { pool.shutdownNow() }

    fun brangeAsync(key: String, timeoutMs: String): Future<Any?> = pool.submit<Any?> {
        server.newClient().use { decodeReply(it.sendCommand({ "HELLOTYPE.BRANGE".toByteArray() }, key.toByteArray(), "0".toByteArray(), "10".toByteArray(), timeoutMs.toByteArray())) }
    }

    fun awaitBlocked(count: Int) {
        val deadline = System.currentTimeMillis() + 10_000
        while (!(server.call("INFO", "clients") as String).contains("blocked_clients:$count")) {
            check(System.currentTimeMillis() < deadline) { "expected $count blocked clients" }
            Thread.sleep(10)
        }
    }

    test("an existing key replies at once, like RANGE") {
        server.call("HELLOTYPE.INSERT", "ready", "3")
        server.call("HELLOTYPE.BRANGE", "ready", "0", "10", "1000") shouldBe listOf(3L)
    }

    test("an empty key blocks until an INSERT, then replies the range") {
        val waiting = brangeAsync("later", "0")
        awaitBlocked(1)
        server.call("HELLOTYPE.INSERT", "later", "42") shouldBe 1L
        waiting.get(10, TimeUnit.SECONDS) shouldBe listOf(42L)
        awaitBlocked(0)
    }

    test("a write of another type to the key keeps it waiting; the timeout replies Request timedout") {
        val waiting = brangeAsync("other", "500")
        awaitBlocked(1)
        server.call("LPUSH", "other", "x") // signals the key ready, but it is not a hellotype list
        waiting.get(10, TimeUnit.SECONDS) shouldBe "Request timedout"
        awaitBlocked(0)
    }

    test("errors: bad timeout, wrong type") {
        shouldThrow<JedisDataException> { server.command("HELLOTYPE.BRANGE", "none", "0", "1", "soon") }.message shouldBe
            "ERR invalid timeout parameter"
        server.call("SET", "str", "x")
        shouldThrow<JedisDataException> { server.command("HELLOTYPE.BRANGE", "str", "0", "1", "10") }.message shouldBe
            "WRONGTYPE Operation against a key holding the wrong kind of value"
    }

    test("inside MULTI it cannot block: it times out at once") {
        server.newClient().use { client ->
            val transaction = client.multi()
            transaction.sendCommand({ "HELLOTYPE.BRANGE".toByteArray() }, "empty".toByteArray(), "0".toByteArray(), "1".toByteArray(), "0".toByteArray())
            decodeReply(transaction.exec()) shouldBe listOf("Request timedout")
        }
    }
})
