package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import redis.clients.jedis.exceptions.JedisDataException

/**
 * A save records a value's saved form in server memory in bounded chunks, so a value that fits
 * the heap can be saved however large it is; and DUMP of a value whose save fails is an error,
 * never a payload without the value.
 */
class LargeValueSaveSpec : FunSpec({
    timeout = 180_000

    test("a value larger than the free heap saves: BGSAVE, SAVE, and DUMP that RESTORE accepts") {
        startWith(Modules.alloc, moduleArgs = listOf("jvm-option", "-Xmx160m")).use { server ->
            server.call("ALLOC.SET", "big", "100000000") shouldBe 100_000_000L
            val digest = server.call("DEBUG", "DIGEST-VALUE", "big")
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.call("SAVE") shouldBe "OK"
            val payload = server.newClient().use { it.dump("big") }
            server.call("DEL", "big") shouldBe 1L
            server.newClient().use { it.restore("big", 0, payload) } shouldBe "OK"
            server.call("DEBUG", "DIGEST-VALUE", "big") shouldBe digest
            server.shouldHaveNoCrashReport()
        }
    }

    test("DUMP of a value whose save code fails is an error, and works again once it saves") {
        startWith(Modules.fixture).use { server ->
            // Poisoned first: a value's save is recorded soon after it is written, in a slice on the main thread.
            server.call("FIXTURE.POISON", "on")
            server.call("FIXTURE.TSET", "blob", "1000", "5")
            server.errorReply("DUMP", "blob") shouldContain "DUMP refused by valkey-jvm"
            server.call("DUMP", "missing") shouldBe null
            server.call("DUMP", "plain-missing") shouldBe null
            server.call("SET", "plain", "x")
            (server.call("DUMP", "plain") != null) shouldBe true
            server.call("FIXTURE.POISON", "off")
            val payload = server.newClient().use { it.dump("blob") }
            server.newClient().use { it.restore("copy", 0, payload) } shouldBe "OK"
            server.call("DEBUG", "DIGEST-VALUE", "copy") shouldBe server.call("DEBUG", "DIGEST-VALUE", "blob")
        }
    }

    test("DUMP in another database and inside MULTI is refused too") {
        startWith(Modules.fixture).use { server ->
            server.newClient().use { client ->
                client.select(3)
                server.call("FIXTURE.POISON", "on")
                client.sendCommand({ "FIXTURE.TSET".toByteArray() }, "blob", "10", "1")
                val failure = runCatching { client.dump("blob") }.exceptionOrNull()
                (failure is JedisDataException) shouldBe true
                failure!!.message shouldContain "DUMP refused"
                client.multi().also { tx ->
                    tx.dump("blob")
                    runCatching { tx.exec() }.exceptionOrNull()!!.message shouldContain "EXECABORT"
                }
            }
        }
    }

    test("DUMP from a script or a module's call is refused too, rather than reply a payload without the value") {
        startWith(Modules.fixture).use { server ->
            val script = "return redis.call('DUMP', KEYS[1])"
            server.call("FIXTURE.TSET", "good", "10", "1")
            (server.call("EVAL", script, "1", "good") != null) shouldBe true
            server.call("FIXTURE.POISON", "on")
            server.call("FIXTURE.TSET", "blob", "10", "1")
            // A script's error names no command; the replaced name shows in a module's call.
            server.errorReply("EVAL", script, "1", "blob") shouldContain "Unknown command called from script"
            server.errorReply("FIXTURE.CALL", "DUMP", "blob") shouldContain "DUMP refused"
            server.newClient().use { client ->
                client.select(3)
                client.sendCommand({ "FIXTURE.TSET".toByteArray() }, "other", "10", "1")
                val failure = runCatching { client.eval(script, 1, "other") }.exceptionOrNull()
                failure!!.message shouldContain "Unknown command called from script"
            }
            server.call("PING") shouldBe "PONG"
        }
    }
})
