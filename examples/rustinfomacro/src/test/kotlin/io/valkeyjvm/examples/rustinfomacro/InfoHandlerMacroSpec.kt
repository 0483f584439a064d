package io.valkeyjvm.examples.rustinfomacro

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_helper_info for info_handler_macro (tests/integration.rs), and its unit tests. */
class InfoHandlerMacroSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustinfomacro.so"))))

    test("INFO info_handler_macro shows the section and its field") {
        val info = server.call("INFO", "info_handler_macro") as String
        info shouldContain "# info_handler_macro_info\r\ninfo_handler_macro_field:value\r\n"
        info shouldNotContain "dictionary"
    }

    test("a section INFO did not ask for is left out") {
        (server.call("INFO", "server") as String) shouldNotContain "info_handler_macro_field"
        (server.call("INFO", "info_handler_macro_jvm") as String) shouldNotContain "info_handler_macro_field"
    }
})
