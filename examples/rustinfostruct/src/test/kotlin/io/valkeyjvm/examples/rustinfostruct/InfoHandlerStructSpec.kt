package io.valkeyjvm.examples.rustinfostruct

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_helper_info for info_handler_struct (tests/integration.rs), and its unit tests. */
class InfoHandlerStructSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustinfostruct.so"))))

    test("INFO info_handler_struct shows the value as a section: its field, its map as a dictionary") {
        val info = server.call("INFO", "info_handler_struct") as String
        info shouldContain "# info_handler_struct_Info\r\ninfo_handler_struct_field:value\r\ninfo_handler_struct_dictionary:key=value\r\n"
    }

    test("a section INFO did not ask for is left out") {
        (server.call("INFO", "server") as String) shouldNotContain "info_handler_struct_field"
        (server.call("INFO", "info_handler_struct_jvm") as String) shouldNotContain "info_handler_struct_field"
    }
})
