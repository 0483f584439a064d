package io.valkeyjvm.examples.rustkeyspos

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_keys_pos, and what the key positions are for. */
class KeysPosSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("keys_pos.so"))))

    test("keys_pos replies its keys; an incomplete pair is a wrong number of arguments") {
        server.call("keys_pos", "a", "1", "b", "2") shouldBe listOf("a", "b")
        server.errorReply("keys_pos", "a", "1", "b") shouldContain "wrong number of arguments"
        server.call("PING") shouldBe "PONG"
    }

    test("the server finds every key: COMMAND GETKEYS, and ACL key rules") {
        server.call("COMMAND", "GETKEYS", "keys_pos", "a", "1", "b", "2", "c", "3") shouldBe listOf("a", "b", "c")
        server.call("ACL", "SETUSER", "k", "on", "nopass", "+@all", "~a", "~b") shouldBe "OK"
        server.call("ACL", "DRYRUN", "k", "keys_pos", "a", "1", "b", "2") shouldBe "OK"
        (server.call("ACL", "DRYRUN", "k", "keys_pos", "a", "1", "c", "2") as String) shouldContain "'c' key"
    }
})
