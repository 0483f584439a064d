package ${package}

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

/** Runs the module in a real valkey-server (from PATH, or VALKEY_SERVER_PATH). */
class ModuleSpec : FunSpec({
    val server = install(valkeyServer(ValkeyModuleLoad(Path.of("target/${moduleName}.so"))))

    test("greets") { server.call("${moduleName}.hi", "you") shouldBe "hi you" }
    test("needs a name") { server.errorReply("${moduleName}.hi") shouldContain "wrong number of arguments" }
})
