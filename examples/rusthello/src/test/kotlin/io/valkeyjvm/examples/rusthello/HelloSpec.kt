package io.valkeyjvm.examples.rusthello

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** HELLO.MUL as the Rust SDK's integration test (tests/integration.rs, test_hello) expects it. */
class HelloSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rusthello.so"))))

    test("the module is listed as hello") { server.modules()["hello"] shouldBe 1L }

    test("replies its integers, then their product") {
        server.call("HELLO.MUL", "3", "4") shouldBe listOf(3L, 4L, 12L)
        server.call("HELLO.MUL", "2", "3", "4") shouldBe listOf(2L, 3L, 4L, 24L)
        server.call("HELLO.MUL", "-5") shouldBe listOf(-5L, -5L)
    }

    test("a bad integer is the Rust SDK's error line, without a code; too few arguments is wrong arity") {
        server.errorReply("HELLO.MUL", "3", "xx") shouldBe "Couldn't parse as integer"
        server.errorReply("HELLO.MUL", "3", " 4") shouldBe "Couldn't parse as integer"
        server.errorReply("HELLO.MUL") shouldBe "ERR wrong number of arguments for 'hello.mul' command"
        server.call("PING") shouldBe "PONG"
    }
})
