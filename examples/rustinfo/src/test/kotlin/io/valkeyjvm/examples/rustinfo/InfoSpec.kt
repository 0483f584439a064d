package io.valkeyjvm.examples.rustinfo

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotBeEmpty
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_info (tests/integration.rs), and a little more. */
class InfoSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustinfo.so"))))

    test("INFOEX server redis_version is the version INFO shows") {
        val version = server.call("INFOEX", "server", "redis_version") as String
        version.shouldNotBeEmpty()
        version shouldBe server.info("server", "redis_version")
    }

    test("INFOEX reads other sections, and ignores arguments after the field") {
        server.call("INFOEX", "server", "tcp_port") shouldBe server.port.toString()
        server.call("INFOEX", "server", "tcp_port", "extra") shouldBe server.port.toString()
    }

    test("a field the section lacks is null") {
        server.call("INFOEX", "server", "not_a_real_field") shouldBe null
        server.call("INFOEX", "clients", "redis_version") shouldBe null
    }

    test("INFOEX needs a section and a field") {
        server.errorReply("INFOEX") shouldBe "ERR wrong number of arguments for 'infoex' command"
        server.errorReply("INFOEX", "server") shouldBe "ERR wrong number of arguments for 'infoex' command"
    }
})
