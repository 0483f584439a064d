package io.valkeyjvm.examples.helloblock

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class HelloBlockSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("helloblock.so"))))

    test("HELLO.BLOCK replies a random non-negative integer after the delay, without blocking the server") {
        val started = System.nanoTime()
        val blocked = server.callInBackground("HELLO.BLOCK", "1", "0")
        Thread.sleep(100)
        server.call("PING") shouldBe "PONG"
        val reply = blocked.get(10, TimeUnit.SECONDS) as Long
        reply shouldBeGreaterThanOrEqual 0L
        ((System.nanoTime() - started) / 1_000_000) shouldBeGreaterThanOrEqual 1000L
    }

    test("HELLO.BLOCK times out with Request timedout") {
        val started = System.nanoTime()
        server.call("HELLO.BLOCK", "10", "200") shouldBe "Request timedout"
        ((System.nanoTime() - started) / 1_000_000) shouldBeLessThan 5000L
    }

    test("HELLO.BLOCK rejects bad numbers") {
        for (bad in listOf(arrayOf("x", "0"), arrayOf("1", "-5"), arrayOf("-1", "0")))
            shouldThrow<JedisDataException> { server.command("HELLO.BLOCK", *bad) }.message shouldBe "ERR invalid count"
    }

    test("HELLO.KEYS replies every key of the database") {
        val names = (0 until 250).map { "key:$it" }
        names.forEach { server.call("SET", it, "v") }
        (server.call("HELLO.KEYS") as List<*>).map { it as String }.toSet() shouldBe names.toSet()
    }
})
