package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import redis.clients.jedis.exceptions.JedisDataException

/** Module code reaching the server's data: call in commands, and from coroutines on the main thread or under the lock. */
class ServerAccessSpec : FunSpec({
    timeout = 120_000

    test("call runs commands and turns replies into values; errors come back as error replies") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.call("FIXTURE.CALL", "SET", "k", "v") shouldBe "OK"
            server.call("FIXTURE.CALL", "GET", "k") shouldBe "v"
            server.call("FIXTURE.CALL", "RPUSH", "l", "a", "b") shouldBe 2L
            server.call("FIXTURE.CALL", "LRANGE", "l", "0", "-1") shouldBe listOf("a", "b")
            server.call("FIXTURE.CALL", "GET", "missing") shouldBe null
            // RESP3 verbatim strings (INFO) and big numbers have their own accessors.
            (server.call("FIXTURE.CALL", "INFO", "server") as String) shouldContain "valkey_version:"
            server.call("FIXTURE.CALL", "DEBUG", "PROTOCOL", "bignum") shouldBe "1234567999999999999999999999999999999"
            shouldThrow<JedisDataException> { server.command("FIXTURE.CALL", "INCR", "k") }.message shouldBe
                "ERR value is not an integer or out of range"
            shouldThrow<JedisDataException> { server.command("FIXTURE.CALL", "NOSUCHCOMMAND") }.message shouldContain "unknown command"
        }
    }

    test("writes from a coroutine, through the main dispatcher and under the lock, replicate to a replica") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { primary ->
            ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { replica ->
                replica.replicaOf(primary)
                primary.call("FIXTURE.BGINCR", "via-main", "200", "main") shouldBe 200L
                primary.call("FIXTURE.BGINCR", "via-lock", "150", "locked") shouldBe 150L
                primary.call("WAIT", "1", "5000") shouldBe 1L
                replica.call("GET", "via-main") shouldBe "200"
                replica.call("GET", "via-lock") shouldBe "150"
            }
        }
    }
})
