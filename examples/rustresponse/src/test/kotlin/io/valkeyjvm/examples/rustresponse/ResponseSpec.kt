package io.valkeyjvm.examples.rustresponse

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** MAP.MGET and MAP.UNIQUE as the Rust SDK's integration test (tests/integration.rs, test_response) expects them. */
class ResponseSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustresponse.so"))))

    test("the module is listed as response") { server.modules()["response"] shouldBe 1L }

    test("RESP2: flat arrays ordered by field, and by value") {
        server.call("HSET", "k", "a", "b", "c", "d", "e", "b", "f", "g")
        server.call("MAP.MGET", "k", "e", "a", "c", "missing") shouldBe listOf("a", "b", "c", "d", "e", "b")
        server.call("MAP.UNIQUE", "k", "a", "c", "e") shouldBe listOf("b", "d")
    }

    test("RESP3: a map and a set") {
        server.newClient(RedisProtocol.RESP3).use { client ->
            val map = client.sendCommand(ProtocolCommand { "MAP.MGET".toByteArray() }, "k", "a", "c") as List<*>
            map.size shouldBe 2
            val set = client.sendCommand(ProtocolCommand { "MAP.UNIQUE".toByteArray() }, "k", "a", "c", "e")
            (set as Collection<*>).size shouldBe 2
        }
    }

    test("no key is null; another type and too few arguments are errors") {
        server.call("MAP.MGET", "nokey", "a") shouldBe null
        server.call("MAP.UNIQUE", "nokey", "a") shouldBe null
        server.call("SET", "s", "v")
        server.errorReply("MAP.MGET", "s", "a") shouldBe "ERR key is not a hash value"
        server.errorReply("MAP.UNIQUE") shouldBe "ERR wrong number of arguments for 'map.unique' command"
        server.call("PING") shouldBe "PONG"
    }
})
