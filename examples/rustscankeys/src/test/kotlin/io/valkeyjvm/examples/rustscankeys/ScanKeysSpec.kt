package io.valkeyjvm.examples.rustscankeys

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** SCAN_KEYS as the Rust SDK's integration test (tests/integration.rs, test_scan) expects it. */
class ScanKeysSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustscankeys.so"))))

    test("the module is listed as scan") { server.modules()["scan"] shouldBe 1L }

    test("replies every key's name") {
        server.call("SCAN_KEYS") shouldBe emptyList<String>()
        server.call("SET", "x", "1")
        server.call("SET", "y", "1")
        (server.call("SCAN_KEYS") as List<*>).shouldContainExactlyInAnyOrder("x", "y")
        val many = (1..1000).map { "key:$it" }
        server.call("MSET", *many.flatMap { listOf(it, "v") }.toTypedArray())
        (server.call("SCAN_KEYS") as List<*>).shouldContainExactlyInAnyOrder(many + listOf("x", "y"))
    }
})
