package io.valkeyjvm.examples.rustloadunload

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val module: Path = moduleDir.resolve("rustloadunload.so")

private const val LOADED_FIRST = "<load_unload> Update global state on LOAD. BEFORE: None, AFTER: Some(\"Args passed: first, second\")"
private const val UNLOADED = "<load_unload> Update global state on UNLOAD. BEFORE: Some(\"Args passed: first, second\"), AFTER: None"
private const val LOADED_AGAIN = "<load_unload> Update global state on LOAD. BEFORE: None, AFTER: Some(\"Args passed: replacement\")"

/**
 * The Rust SDK's test_load_unload (tests/integration.rs): loaded with two arguments, unloaded,
 * loaded again with another; here the first load is the server's start, and the log shows what
 * each step did to the module's state.
 */
class LoadUnloadSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(module, listOf("first", "second"))))

    test("loading logs the arguments as the new state, at warning level") {
        server.modules().keys shouldBe setOf("load_unload")
        server.log() shouldContain Regex("# " + Regex.escape(LOADED_FIRST))
    }

    test("MODULE UNLOAD logs the state it clears") {
        server.call("MODULE", "UNLOAD", "load_unload") shouldBe "OK"
        server.modules().keys shouldBe emptySet()
        server.log() shouldContain Regex("# " + Regex.escape(UNLOADED))
    }

    test("MODULE LOAD again starts from no state, with the new arguments") {
        server.call("MODULE", "LOAD", module.toString(), "replacement") shouldBe "OK"
        val log = server.log()
        log shouldContain LOADED_AGAIN
        log.indexOf(LOADED_AGAIN) shouldBeGreaterThan log.indexOf(UNLOADED)
        log.indexOf(UNLOADED) shouldBeGreaterThan log.indexOf(LOADED_FIRST)
    }
})
