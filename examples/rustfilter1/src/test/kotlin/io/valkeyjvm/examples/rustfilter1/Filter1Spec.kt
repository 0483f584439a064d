package io.valkeyjvm.examples.rustfilter1

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/**
 * filter1 alone: the Rust SDK's test_filter (tests/integration.rs) without filter2, which
 * rustfilter2's spec loads beside it, and the Rust example's unit tests of its filters.
 */
class Filter1Spec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustfilter1.so"))))

    test("INFO becomes INFO2, which replies \"info2\\n\"; the filter logs the client's id") {
        val clientId = server.call("CLIENT", "ID") as Long
        server.call("INFO") shouldBe "info2\n"
        server.call("info") shouldBe "info2\n"
        server.log() shouldContain "<filter1> info filter for client_id $clientId"
        server.log() shouldContain "<filter1> info2 command"
    }

    test("INFO with a section is the server's") {
        (server.call("INFO", "server") as String) shouldContain "redis_version:"
    }

    test("SET key value becomes SET new_key new_value, logging the key and the value") {
        server.call("SET", "foo", "bar") shouldBe "OK"
        server.call("GET", "new_key") shouldBe "new_value"
        server.call("EXISTS", "foo") shouldBe 0L
        server.log() shouldContain "<filter1> all_args: [\"foo\", \"bar\"]"
        server.log() shouldContain "<filter1> set key: foo, value bar"
    }

    test("SET with options, SET with too few arguments and other commands pass untouched") {
        server.call("SET", "kept", "v", "PX", "100000") shouldBe "OK"
        server.call("GET", "kept") shouldBe "v"
        server.errorReply("SET", "lonely") shouldBe "ERR wrong number of arguments for 'set' command"
        server.errorReply("GET", "key", "value") shouldBe "ERR wrong number of arguments for 'get' command"
    }

    test("after MODULE UNLOAD filter1, INFO and SET are the server's again") {
        server.call("MODULE", "UNLOAD", "filter1") shouldBe "OK"
        val info = server.call("INFO") as String
        info shouldContain "redis_version:"
        info shouldNotContain "info2"
        server.call("SET", "foo", "bar") shouldBe "OK"
        server.call("GET", "foo") shouldBe "bar"
    }
})
