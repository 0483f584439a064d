package io.valkeyjvm.examples.javactx

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val hellodictModule: Path = moduleDir.resolve("../../hellodict/target/hellodict.so")

/** The module's server dictionary: set, get, delete, and walks from a seek both ways; beside the hellodict port, each with its own. */
class JavaCtxDictionarySpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("javactx.so")), ValkeyModuleLoad(hellodictModule)))

    fun fill() {
        for ((i, key) in listOf("a", "b", "c", "d", "e").withIndex()) server.call("JAVACTX.DICT.SET", key, "${i + 1}")
    }

    test("SET replies 1 for a new key and 0 when it replaces a value; GET reads it; DEL removes it; SIZE counts") {
        server.call("JAVACTX.DICT.SET", "fruit", "apple") shouldBe 1L
        server.call("JAVACTX.DICT.SET", "fruit", "pear") shouldBe 0L
        server.call("JAVACTX.DICT.GET", "fruit") shouldBe "pear"
        server.call("JAVACTX.DICT.GET", "nothing") shouldBe null
        server.call("JAVACTX.DICT.SIZE") shouldBe 1L
        server.call("JAVACTX.DICT.DEL", "fruit") shouldBe 1L
        server.call("JAVACTX.DICT.DEL", "fruit") shouldBe 0L
        server.call("JAVACTX.DICT.SIZE") shouldBe 0L
        // Not the server's keyspace.
        server.call("DBSIZE") shouldBe 0L
    }

    test("SEEK places the walk with each operator and goes NEXT or PREV from there") {
        fill()
        server.call("JAVACTX.DICT.SEEK", ">=", "b", "NEXT", "2") shouldBe listOf("b", "2", "c", "3")
        server.call("JAVACTX.DICT.SEEK", ">", "b", "NEXT", "10") shouldBe listOf("c", "3", "d", "4", "e", "5")
        server.call("JAVACTX.DICT.SEEK", "<=", "c", "PREV", "10") shouldBe listOf("c", "3", "b", "2", "a", "1")
        server.call("JAVACTX.DICT.SEEK", "<", "c", "PREV", "1") shouldBe listOf("b", "2")
        server.call("JAVACTX.DICT.SEEK", "<", "c", "NEXT", "2") shouldBe listOf("b", "2", "c", "3")
        server.call("JAVACTX.DICT.SEEK", "^", "ignored", "NEXT", "1") shouldBe listOf("a", "1")
        server.call("JAVACTX.DICT.SEEK", "$", "ignored", "PREV", "2") shouldBe listOf("e", "5", "d", "4")
        server.call("JAVACTX.DICT.SEEK", "==", "c", "NEXT", "2") shouldBe listOf("c", "3", "d", "4")
        server.call("JAVACTX.DICT.SEEK", "==", "cc", "NEXT", "2") shouldBe emptyList<String>()
        server.call("JAVACTX.DICT.SEEK", ">=", "bb", "NEXT", "1") shouldBe listOf("c", "3")
        server.call("JAVACTX.DICT.SEEK", ">", "e", "NEXT", "5") shouldBe emptyList<String>()
        server.call("JAVACTX.DICT.SEEK", "^", "", "NEXT", "0") shouldBe emptyList<String>()
    }

    test("RANGE reads the keys between two bounds, both included: ascending, or descending when the start is the greater") {
        fill()
        server.call("JAVACTX.DICT.RANGE", "b", "d", "10") shouldBe listOf("b", "c", "d")
        server.call("JAVACTX.DICT.RANGE", "d", "b", "10") shouldBe listOf("d", "c", "b")
        server.call("JAVACTX.DICT.RANGE", "a", "z", "2") shouldBe listOf("a", "b")
        server.call("JAVACTX.DICT.RANGE", "z", "a", "2") shouldBe listOf("e", "d")
        server.call("JAVACTX.DICT.RANGE", "bb", "dd", "10") shouldBe listOf("c", "d")
        server.call("JAVACTX.DICT.RANGE", "dd", "bb", "10") shouldBe listOf("d", "c")
        server.call("JAVACTX.DICT.RANGE", "c", "c", "10") shouldBe listOf("c")
        server.call("JAVACTX.DICT.RANGE", "x", "y", "10") shouldBe emptyList<String>()
    }

    test("keys are binary-safe and sort byte by byte, NUL bytes included") {
        for (key in listOf("k", "k\u0000", "k\u0000a", "ka", "k\u0001")) server.call("JAVACTX.DICT.SET", key, "<$key>")
        server.call("JAVACTX.DICT.GET", "k\u0000") shouldBe "<k\u0000>"
        server.call("JAVACTX.DICT.RANGE", "k", "kz", "10") shouldBe listOf("k", "k\u0000", "k\u0000a", "k\u0001", "ka")
        server.call("JAVACTX.DICT.SEEK", ">", "k", "NEXT", "1") shouldBe listOf("k\u0000", "<k\u0000>")
        server.call("JAVACTX.DICT.SEEK", "<", "ka", "PREV", "1") shouldBe listOf("k\u0001", "<k\u0001>")
    }

    test("bad operators, directions and counts are clear errors; the server goes on") {
        server.errorReply("JAVACTX.DICT.SEEK", "=>", "a", "NEXT", "1") shouldBe "ERR not a dictionary operator: '=>' (use ^ $ > >= < <= ==)"
        server.errorReply("JAVACTX.DICT.SEEK", ">=", "a", "SIDEWAYS", "1") shouldBe "ERR the direction must be NEXT or PREV"
        server.errorReply("JAVACTX.DICT.SEEK", ">=", "a", "NEXT", "-1") shouldBe "ERR count must be a non-negative integer"
        server.errorReply("JAVACTX.DICT.RANGE", "a", "b", "many") shouldBe "ERR count must be a non-negative integer"
        server.errorReply("JAVACTX.DICT.SET", "a") shouldBe "ERR wrong number of arguments for 'javactx.dict.set' command"
        server.call("PING") shouldBe "PONG"
    }

    test("the hellodict port keeps a dictionary of its own in the same server") {
        server.modules().keys shouldBe setOf("javactx", "hellodict")
        server.call("JAVACTX.DICT.SET", "shared-name", "from javactx") shouldBe 1L
        server.call("HELLODICT.SET", "shared-name", "from hellodict") shouldBe "OK"
        server.call("JAVACTX.DICT.GET", "shared-name") shouldBe "from javactx"
        server.call("HELLODICT.GET", "shared-name") shouldBe "from hellodict"
    }
})
