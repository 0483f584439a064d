package io.valkeyjvm.examples.rustinfobuilder

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_helper_info for info_handler_builder (tests/integration.rs), and its unit tests. */
class InfoHandlerBuilderSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustinfobuilder.so"))))

    test("INFO info_handler_builder shows the section, its field and its dictionary") {
        val info = server.call("INFO", "info_handler_builder") as String
        info shouldContain "# info_handler_builder_info\r\ninfo_handler_builder_field:value\r\ninfo_handler_builder_dictionary:key=value\r\n"
    }

    test("the section alone, by its name") {
        val info = server.call("INFO", "info_handler_builder_info") as String
        info shouldContain "info_handler_builder_field:value"
        info shouldContain "info_handler_builder_dictionary:key=value"
    }

    test("a section INFO did not ask for is left out") {
        (server.call("INFO", "server") as String) shouldNotContain "info_handler_builder_field"
        (server.call("INFO", "info_handler_builder_jvm") as String) shouldNotContain "info_handler_builder_field"
    }
})
