package io.valkeyjvm.examples.rusttesthelper

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class TestHelperSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rusttesthelper.so"))))

    test("TEST_HELPER.VERSION is the server's version, as INFO SERVER's valkey_version tells it") {
        val info = server.call("INFO", "server") as String
        val version = Regex("""valkey_version:(\d+)\.(\d+)\.(\d+)""").find(info)!!.groupValues.drop(1).map { it.toLong() }
        server.call("TEST_HELPER.VERSION") shouldBe version
    }

    test("TEST_HELPER._VERSION_RM_CALL reads redis_version from INFO SERVER") {
        val info = server.call("INFO", "server") as String
        val version = Regex("""redis_version:(\d+)\.(\d+)\.(\d+)""").find(info)!!.groupValues.drop(1).map { it.toLong() }
        server.call("TEST_HELPER._VERSION_RM_CALL") shouldBe version
    }

    test("TEST_HELPER.NAME is the running command's name") {
        server.call("TEST_HELPER.NAME") shouldBe "test_helper.name"
    }

    test("TEST_HELPER.ERR replies its argument as the error line, code or not") {
        server.errorReply("TEST_HELPER.ERR", "no crash") shouldBe "no crash"
        server.errorReply("TEST_HELPER.ERR", "ERR coded") shouldBe "ERR coded"
        server.errorReply("TEST_HELPER.ERR", "no crash\u0000") shouldContain "no crash"
        server.errorReply("TEST_HELPER.ERR") shouldBe "ERR wrong number of arguments for 'test_helper.err' command"
        server.call("PING") shouldBe "PONG"
    }

    test("INFO test_helper shows the module's field") {
        server.call("INFO", "test_helper") as String shouldContain "test_helper_field:value"
    }
})
