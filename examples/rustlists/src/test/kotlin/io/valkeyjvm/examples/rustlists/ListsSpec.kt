package io.valkeyjvm.examples.rustlists

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** LPOPRPUSH on a live server, with the answers of the Rust SDK's tests/integration.rs (test_lists). */
class ListsSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustlists.so"))))

    beforeTest { server.call("FLUSHALL") }

    test("moves the head of the source to the tail of the destination and replies it") {
        server.call("RPUSH", "source", "first", "second") shouldBe 2L
        server.call("RPUSH", "destination", "zero") shouldBe 1L
        server.call("LPOPRPUSH", "source", "destination") shouldBe "first"
        server.call("LRANGE", "destination", "0", "-1") shouldBe listOf("zero", "first")
        server.call("LRANGE", "source", "0", "-1") shouldBe listOf("second")
        server.call("LPOPRPUSH", "source", "newlist") shouldBe "second"
        server.call("LRANGE", "newlist", "0", "-1") shouldBe listOf("second")
        server.call("EXISTS", "source") shouldBe 0L
    }

    test("an empty source replies null and creates nothing") {
        server.call("LPOPRPUSH", "empty", "destination") shouldBe null
        server.call("EXISTS", "empty", "destination") shouldBe 0L
    }

    test("a source or a destination that is not a list is WRONGTYPE, and nothing moves") {
        server.call("RPUSH", "source", "first")
        server.call("SET", "string", "value")
        server.errorReply("LPOPRPUSH", "string", "destination") shouldStartWith "WRONGTYPE"
        server.errorReply("LPOPRPUSH", "source", "string") shouldStartWith "WRONGTYPE"
        server.call("LRANGE", "source", "0", "-1") shouldBe listOf("first")
        server.errorReply("LPOPRPUSH", "source") shouldBe "ERR wrong number of arguments for 'LPOPRPUSH' command"
        server.call("PING") shouldBe "PONG"
    }
})
