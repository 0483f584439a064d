package io.valkeyjvm.examples.hellotype

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/** The commands of the hellotype port, as the C original answers them. */
class HelloTypeSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(helloTypeModule)))
    fun error(vararg args: String): String = server.errorReply(*args)

    test("INSERT keeps the list sorted and replies the new length") {
        listOf("5", "-3", "9", "1", "5").forEachIndexed { i, v -> server.call("HELLOTYPE.INSERT", "k", v) shouldBe (i + 1).toLong() }
        server.call("HELLOTYPE.RANGE", "k", "0", "10") shouldBe listOf(-3L, 1L, 5L, 5L, 9L)
        server.call("HELLOTYPE.LEN", "k") shouldBe 5L
        server.call("TYPE", "k") shouldBe "hellotype"
    }

    test("RANGE counts from the head; like the original, first is checked but not used") {
        server.call("HELLOTYPE.RANGE", "k", "0", "2") shouldBe listOf(-3L, 1L)
        server.call("HELLOTYPE.RANGE", "k", "3", "2") shouldBe listOf(-3L, 1L)
        server.call("HELLOTYPE.RANGE", "k", "0", "0") shouldBe emptyList<Long>()
        server.call("HELLOTYPE.RANGE", "missing", "0", "5") shouldBe emptyList<Long>()
        server.call("HELLOTYPE.LEN", "missing") shouldBe 0L
    }

    test("errors") {
        error("HELLOTYPE.INSERT", "k", "1.5") shouldBe "ERR invalid value: must be a signed 64 bit integer"
        error("HELLOTYPE.INSERT", "k", "99999999999999999999") shouldBe "ERR invalid value: must be a signed 64 bit integer"
        error("HELLOTYPE.RANGE", "k", "-1", "2") shouldBe "ERR invalid first or count parameters"
        error("HELLOTYPE.RANGE", "k", "0", "x") shouldBe "ERR invalid first or count parameters"
        error("HELLOTYPE.INSERT", "k") shouldContain "wrong number of arguments"
        server.call("SET", "plain", "x")
        for (command in listOf(arrayOf("HELLOTYPE.INSERT", "plain", "1"), arrayOf("HELLOTYPE.RANGE", "plain", "0", "1"),
            arrayOf("HELLOTYPE.LEN", "plain"))) {
            error(*command) shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
        }
        server.call("GET", "plain") shouldBe "x"
    }

    test("DUMP/RESTORE and COPY make equal values, with equal digests") {
        val payload = server.client.dump("k")
        server.client.restore("restored", 0, payload)
        server.call("COPY", "k", "copied") shouldBe 1L
        server.call("HELLOTYPE.INSERT", "k", "100")
        server.call("HELLOTYPE.RANGE", "restored", "0", "10") shouldBe listOf(-3L, 1L, 5L, 5L, 9L)
        server.call("HELLOTYPE.RANGE", "copied", "0", "10") shouldBe listOf(-3L, 1L, 5L, 5L, 9L)
        server.call("DEBUG", "DIGEST-VALUE", "restored") shouldBe server.call("DEBUG", "DIGEST-VALUE", "copied")
    }

    test("MEMORY USAGE is positive and grows with the value") {
        val before = server.call("MEMORY", "USAGE", "copied") as Long
        before shouldBeGreaterThan 0L
        repeat(100) { server.call("HELLOTYPE.INSERT", "copied", it.toString()) }
        (server.call("MEMORY", "USAGE", "copied") as Long) shouldBeGreaterThan before
    }

    test("a module that exports a data type cannot be unloaded; the server says so") {
        error("MODULE", "UNLOAD", "hellotype") shouldBe
            "ERR Error unloading module: the module exports one or more module-side data types, can't unload"
        server.call("HELLOTYPE.LEN", "k") shouldBe 6L
    }
})
