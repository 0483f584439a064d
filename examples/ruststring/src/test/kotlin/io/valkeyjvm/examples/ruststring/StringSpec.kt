package io.valkeyjvm.examples.ruststring

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** STRING.SET and STRING.GET as the Rust SDK's integration test (tests/integration.rs, test_string) expects them. */
class StringSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("ruststring.so"))))

    test("the module is listed as string") { server.modules()["string"] shouldBe 1L }

    test("SET writes, GET reads, binary-safe; a missing key is null") {
        server.call("STRING.SET", "key", "value") shouldBe "OK"
        server.call("STRING.GET", "key") shouldBe "value"
        server.call("GET", "key") shouldBe "value"
        server.call("STRING.SET", "key", "a\u0000b") shouldBe "OK"
        server.call("STRING.GET", "key") shouldBe "a\u0000b"
        server.call("STRING.GET", "nokey") shouldBe null
    }

    test("a write in place keeps the key's time to live") {
        server.call("SET", "t", "old", "EX", "1000")
        server.call("STRING.SET", "t", "new") shouldBe "OK"
        (server.call("TTL", "t") as Long) shouldBeGreaterThan 900L
    }

    test("another type is the Rust SDK's error line; too few arguments is wrong arity") {
        server.call("RPUSH", "list", "a")
        server.errorReply("STRING.GET", "list") shouldBe "Could not read key"
        server.errorReply("STRING.SET", "list", "v") shouldBe "Could not read key"
        server.errorReply("STRING.SET", "key") shouldBe "ERR wrong number of arguments for 'string.set' command"
        server.call("PING") shouldBe "PONG"
    }
})
