package io.valkeyjvm.examples.ruststream

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** STREAM_POP on a live server, with the answers of the Rust SDK's tests/integration.rs (test_stream_reader). */
class StreamSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("ruststream.so"))))

    beforeTest { server.call("FLUSHALL") }

    test("pops the entries in order, leaving an empty stream") {
        server.call("XADD", "s", "1-1", "foo", "bar")
        server.call("XADD", "s", "1-2", "foo", "bar")
        server.call("STREAM_POP", "s") shouldBe "1-1"
        server.call("XLEN", "s") shouldBe 1L
        server.call("STREAM_POP", "s") shouldBe "1-2"
        server.call("XLEN", "s") shouldBe 0L
    }

    test("an empty stream is the Rust SDK's trim error; a key that is not a stream is WRONGTYPE") {
        server.call("XADD", "s", "5-1", "f", "v")
        server.call("STREAM_POP", "s") shouldBe "5-1"
        server.errorReply("STREAM_POP", "s") shouldBe "Failed trimming the stream"
        server.errorReply("STREAM_POP", "missing") shouldStartWith "WRONGTYPE"
        server.call("SET", "str", "v")
        server.errorReply("STREAM_POP", "str") shouldStartWith "WRONGTYPE"
        server.call("PING") shouldBe "PONG"
    }
})
