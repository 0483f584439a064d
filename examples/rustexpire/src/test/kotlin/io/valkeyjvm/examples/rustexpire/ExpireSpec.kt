package io.valkeyjvm.examples.rustexpire

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** EXPIRE.CMD on a live server, with the answers of the Rust SDK's tests/integration.rs (test_expire). */
class ExpireSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustexpire.so"))))

    test("sets a time to live in seconds, and a negative number takes it away") {
        server.call("SET", "key", "value")
        server.call("TTL", "key") shouldBe -1L
        server.call("expire.cmd", "key", "100") shouldBe "OK"
        val ttl = server.call("TTL", "key") as Long
        (ttl in 1L..100L) shouldBe true
        server.call("expire.cmd", "key", "-1") shouldBe "OK"
        server.call("TTL", "key") shouldBe -1L
    }

    test("a missing key, a bad number and too few arguments are errors") {
        server.errorReply("expire.cmd", "missing", "10") shouldBe "Error while setting key expire"
        server.errorReply("expire.cmd", "missing", "-1") shouldBe "Error while removing key expire"
        server.errorReply("expire.cmd", "key", "soon") shouldBe "Couldn't parse as integer"
        server.call("SET", "key", "value")
        server.errorReply("expire.cmd", "key", "9223372036854775807") shouldBe "Error expire duration 9223372036854775807000 is not allowed"
        server.call("TTL", "key") shouldBe -1L
        server.errorReply("expire.cmd", "key") shouldBe "ERR wrong number of arguments for 'expire.cmd' command"
        server.call("PING") shouldBe "PONG"
    }
})
