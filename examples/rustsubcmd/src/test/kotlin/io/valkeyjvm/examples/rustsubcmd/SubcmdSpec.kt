package io.valkeyjvm.examples.rustsubcmd

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.RedisProtocol

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_subcmd and the example's own unit tests. */
class SubcmdSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("subcmd.so"))))

    test("cmd1 and cmd1 help list the subcommands") {
        (server.call("cmd1") as List<*>).size shouldBe 5
        (server.call("cmd1", "help") as List<*>)[0] shouldBe "cmd1 - top level command"
    }

    test("cmd1 info: one section, or all, as a map (RESP2: flattened)") {
        server.call("cmd1", "info", "key") shouldBe listOf("key", "value")
        server.call("cmd1", "info", "array") shouldBe listOf("array", listOf("a", "b", "c"))
        (server.call("cmd1", "info") as List<*>).filterIndexed { i, _ -> i % 2 == 0 } shouldBe
            listOf("array", "bool", "float", "integer", "key", "ordered-map", "ordered-set")
    }

    test("cmd1 info in RESP3: a map with a double, a boolean and a set") {
        server.newClient(RedisProtocol.RESP3).use { client ->
            val reply = decodeReply(client.sendCommand({ "cmd1".toByteArray() }, "info".toByteArray())) as List<*>
            val map = reply.associate { (it as Pair<*, *>).first to it.second }
            map["float"] shouldBe 1.1
            map["bool"] shouldBe true
            map["ordered-set"] shouldBe setOf("x", "y", "z")
        }
    }

    test("nested subcommands, case-insensitive") {
        server.call("cmd1", "s1") shouldBe "sub1"
        server.call("cmd1", "s1", "s1") shouldBe "sub11"
        server.call("cmd1", "S1", "s1", "S1") shouldBe "sub111"
        server.call("cmd1", "s1", "other") shouldBe "sub1"
    }

    test("an unknown subcommand is an error; the server goes on") {
        server.errorReply("cmd1", "unknown") shouldContain "invalid subcommand"
        server.call("PING") shouldBe "PONG"
    }

    test("routing alone (the Rust unit tests)") {
        fun args(vararg a: String) = a.map { ValkeyString.of(it) }
        route(args("S1", "s1", "S1")) shouldBe ReplyValue.of("sub111")
        route(args("info", "integer")) shouldBe ReplyValue.map(mapOf(ReplyValue.of("integer") to ReplyValue.of(1L)))
    }
})
