package io.valkeyjvm.examples.rustpreload

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val module: Path = moduleDir.resolve("rustpreload.so")

/** The Rust SDK's test_preload (tests/integration.rs): load, unload; and the line the check logs. */
class PreloadSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(module, listOf("a", "b"))))

    /** The server's version as the module reads it (GetServerVersion), in Rust's notation. */
    fun rustVersion(): String {
        val (major, minor, patch) = server.info("server", "valkey_version").split('.')
        return "Version { major: $major, minor: $minor, patch: $patch }"
    }

    test("the check logs the server version and the arguments, before the module is registered") {
        val line = "<preload> preload for server version ${rustVersion()} with args: [\"a\", \"b\"]"
        val log = server.log()
        log shouldContain line
        val loaded = log.indexOf("Module 'preload' loaded from")
        loaded shouldBeGreaterThanOrEqual 0
        loaded shouldBeGreaterThan log.indexOf(line)
    }

    test("MODULE UNLOAD preload") {
        server.call("MODULE", "UNLOAD", "preload") shouldBe "OK"
        server.modules().keys shouldBe emptySet()
    }

    test("MODULE LOAD without arguments runs the check again") {
        server.call("MODULE", "LOAD", module.toString()) shouldBe "OK"
        server.log() shouldContain "<preload> preload for server version ${rustVersion()} with args: []"
        server.modules().keys shouldBe setOf("preload")
    }
})
