package io.valkeyjvm.examples.hellodict

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** HELLODICT.* answer as the C module does (compared byte for byte on Valkey 9.1.2). */
class HelloDictSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("hellodict.so"))))

    test("the module is listed as hellodict") { server.modules()["hellodict"] shouldBe 1L }

    test("SET stores a value; a key already there keeps its first value; GET reads it, or null") {
        server.call("HELLODICT.SET", "a", "x") shouldBe "OK"
        server.call("HELLODICT.SET", "a", "y") shouldBe "OK"
        server.call("HELLODICT.GET", "a") shouldBe "x"
        server.call("HELLODICT.GET", "nope") shouldBe null
        server.call("HELLODICT.SET", "c\u0000", "\u0000v") shouldBe "OK"
        server.call("HELLODICT.GET", "c\u0000") shouldBe "\u0000v"
    }

    test("KEYRANGE replies the keys from start to end, both included, at most count, in byte order") {
        for (k in listOf("b", "d", "e")) server.call("HELLODICT.SET", k, "1")
        server.call("HELLODICT.KEYRANGE", "a", "d", "10") shouldBe listOf("a", "b", "c\u0000", "d")
        server.call("HELLODICT.KEYRANGE", "b", "z", "2") shouldBe listOf("b", "c\u0000")
        server.call("HELLODICT.KEYRANGE", "z", "a", "5") shouldBe emptyList<String>()
        server.call("HELLODICT.KEYRANGE", "a", "z", "-1") shouldBe emptyList<String>()
    }

    test("errors: a bad count, wrong arity; the server goes on") {
        server.errorReply("HELLODICT.KEYRANGE", "a", "z", "x") shouldBe "ERR invalid count"
        server.errorReply("HELLODICT.SET", "a") shouldBe "ERR wrong number of arguments for 'hellodict.set' command"
        server.errorReply("HELLODICT.GET") shouldBe "ERR wrong number of arguments for 'hellodict.get' command"
        server.errorReply("HELLODICT.KEYRANGE", "a", "b") shouldBe "ERR wrong number of arguments for 'hellodict.keyrange' command"
        server.call("PING") shouldBe "PONG"
    }
})
