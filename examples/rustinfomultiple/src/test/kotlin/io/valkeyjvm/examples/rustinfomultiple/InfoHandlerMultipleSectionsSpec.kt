package io.valkeyjvm.examples.rustinfomultiple

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The Rust SDK's test_info_handler_multiple_sections (tests/integration.rs), and its unit tests. */
class InfoHandlerMultipleSectionsSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustinfomultiple.so"))))
    val module = "info_handler_multiple_sections"

    test("INFO of the second section shows its field, not the first's") {
        val info = server.call("INFO", "${module}_InfoSection2") as String
        info shouldContain "# ${module}_InfoSection2\r\n${module}_field_2:value2\r\n"
        info shouldNotContain "${module}_field_1:value1"
    }

    test("INFO of the first section shows its field, not the second's") {
        val info = server.call("INFO", "${module}_InfoSection1") as String
        info shouldContain "${module}_field_1:value1"
        info shouldNotContain "${module}_field_2"
    }

    test("INFO of the module shows both, in order") {
        val info = server.call("INFO", module) as String
        info shouldContain "# ${module}_InfoSection1\r\n${module}_field_1:value1\r\n\r\n# ${module}_InfoSection2\r\n${module}_field_2:value2\r\n"
    }
})
