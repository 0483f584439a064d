package io.valkeyjvm.kotest

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import redis.clients.jedis.RedisProtocol
import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

class ValkeyServerExtensionSpec : FunSpec({
    timeout = 60_000

    // A wrapper around the real binary that shows what the process environment and stdout look like.
    val wrapper = Files.createTempFile("valkey-server-wrapper-", ".sh")
    Files.writeString(
        wrapper,
        "#!/bin/sh\necho \"probe=\$VALKEY_JVM_KOTEST_PROBE\"\nexec '${locateServerBinary()}' \"\$@\"\n",
    )
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"))
    afterSpec { Files.deleteIfExists(wrapper) }

    val server = install(valkeyServer { config("maxmemory", "10mb") }) {
        serverBinary = wrapper
        env("VALKEY_JVM_KOTEST_PROBE", "42")
    }

    test("the extension hands the spec a started server that answers PING") {
        server.isAlive shouldBe true
        server.host shouldBe "127.0.0.1"
        server.client.ping() shouldBe "PONG"
        decodeReply(server.command("PING")) shouldBe "PONG"
    }

    test("SET and GET work through client and command") {
        server.client.set("greeting", "hello") shouldBe "OK"
        decodeReply(server.command("GET", "greeting")) shouldBe "hello"
        decodeReply(server.command("SET", "n", "41")) shouldBe "OK"
        server.command("INCR", "n") shouldBe 42L
        server.client.get("n") shouldBe "42"
        decodeReply(server.command("MGET", "greeting", "missing")) shouldBe listOf("hello", null)
    }

    test("extra directives come after the base ones") {
        decodeReply(server.command("CONFIG", "GET", "maxmemory")) shouldBe listOf("maxmemory", "10485760")
        decodeReply(server.command("CONFIG", "GET", "save")) shouldBe listOf("save", "")
        decodeReply(server.command("CONFIG", "GET", "dir")) shouldBe listOf("dir", server.dir.toRealPath().toString())
    }

    test("the process gets the configured environment, and its stdout is captured") {
        server.stdout() shouldContain "probe=42"
        server.stdoutTail(1) shouldBe "probe=42"
    }

    test("RESP3 clients are available and tracked") {
        val resp3 = server.newClient(RedisProtocol.RESP3)
        resp3.set("k3", "v3") shouldBe "OK"
        val hello = decodeReply(resp3.sendCommand({ "HELLO".toByteArray() }, "3"))
        (hello as List<*>).contains("proto" to 3L) shouldBe true
    }

    test("the log file is written in the server's directory") {
        server.logFile.parent shouldBe server.dir
        server.log() shouldContain "Ready to accept connections"
        server.logTail(1).lines().size shouldBe 1
    }
})
