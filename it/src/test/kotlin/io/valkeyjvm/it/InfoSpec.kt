package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig

/** A module's INFO sections, as INFO shows them, and the server's INFO as a module reads it. */
class InfoSpec : FunSpec({
    timeout = 120_000

    test("INFO <module> shows the module's sections, then the JVM's; a section alone; dictionaries") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            val all = server.call("INFO", "evt") as String
            all shouldContain "# evt\r\nevt_global:-2\r\nevt_uglobal:18446744073709551614\r\n"
            all shouldContain "# evt_Spanish\r\nevt_uno:one\r\nevt_dos:2\r\n"
            all shouldContain "# evt_keyspace\r\nevt_db0:keys=3,expires=1\r\n"
            all shouldContain "evt_ratio:0.25"
            all shouldContain "# evt_jvm\r\n"
            all shouldNotContain "used_memory:"
            val one = server.call("INFO", "EVT_spanish") as String
            one shouldBe "# evt_Spanish\r\nevt_uno:one\r\nevt_dos:2\r\n"
            (server.call("INFO", "everything") as String) shouldContain "evt_uno:one"
            (server.call("INFO", "all") as String) shouldNotContain "evt_"
            (server.call("INFO", "modules") as String) shouldContain "evt_global:-2"
        }
    }

    test("a module reads the server's INFO as typed fields") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            server.call("EVT.INFO", "replication", "role") shouldBe listOf("master", null, null, null)
            server.call("EVT.INFO", "evt", "evt_global") shouldBe listOf("-2", -2L, -2L, "-2")
            server.call("EVT.INFO", "evt_stats", "evt_ratio") shouldBe listOf("0.25", null, null, "0.25")
            server.call("EVT.INFO", "server", "no_such_field") shouldBe listOf(null, null, null, null)
        }
    }
})
