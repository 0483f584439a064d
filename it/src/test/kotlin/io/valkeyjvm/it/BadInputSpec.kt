package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/**
 * Bad input where other specs do not feed it: replication, the server dictionary, keyspace
 * scanning, strings parsed as numbers. Each is an error reply that says what is wrong, and the
 * server answers PING after it.
 */
class BadInputSpec : FunSpec({
    timeout = 120_000
    val fixture = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)))
    val scan = install(valkeyServer(ValkeyModuleLoad(Modules.scan)))

    test("replication: an unknown command is refused with its name, nothing is replicated; wrong arity") {
        val replicated = fixture.call("INFO", "replication").toString().substringAfter("master_repl_offset:").substringBefore("\r")
        fixture.errorReply("FIXTURE.REPLICATE", "NOSUCH", "a") shouldContain "refused to replicate 'NOSUCH'"
        fixture.errorReply("FIXTURE.REPLICATE") shouldBe "ERR wrong number of arguments for 'fixture.replicate' command"
        fixture.call("INFO", "replication").toString().substringAfter("master_repl_offset:").substringBefore("\r") shouldBe replicated
        fixture.call("PING") shouldBe "PONG"
    }

    test("the server dictionary: a count that is not a number, an unknown operator, wrong arity") {
        scan.call("SCANFX.DSET", "a", "1") shouldBe "OK"
        scan.errorReply("SCANFX.DRANGE", "a", "z", "many") shouldBe "ERR value is not an integer or out of range"
        scan.errorReply("SCANFX.DWALK", "=>", "a", "next", "1") shouldStartWith "ERR not a dictionary operator"
        scan.errorReply("SCANFX.DSET", "a") shouldBe "ERR wrong number of arguments for 'scanfx.dset' command"
        scan.call("SCANFX.DGET", "a") shouldBe "1"
        scan.call("PING") shouldBe "PONG"
    }

    test("keyspace scanning: a count that is not a number, a key of no elements' type, wrong arity") {
        scan.call("SET", "text", "v") shouldBe "OK"
        scan.errorReply("SCANFX.KEYSEQ", "t", "all") shouldBe "ERR value is not an integer or out of range"
        scan.errorReply("SCANFX.ELEMENTS", "text") shouldStartWith "WRONGTYPE"
        scan.errorReply("SCANFX.ELEMENTS") shouldBe "ERR wrong number of arguments for 'scanfx.elements' command"
        scan.call("PING") shouldBe "PONG"
    }

    test("strings as numbers: empty, trailing garbage, out of range, not a number") {
        scan.errorReply("SCANFX.UNSIGNED", "") shouldBe "ERR value is not an unsigned integer or out of range"
        scan.errorReply("SCANFX.UNSIGNED", "12abc") shouldBe "ERR value is not an unsigned integer or out of range"
        scan.errorReply("SCANFX.DOUBLE", "") shouldBe "ERR value is not a valid float"
        scan.errorReply("SCANFX.DOUBLE", "1.5x") shouldBe "ERR value is not a valid float"
        scan.errorReply("SCANFX.DECIMAL", "") shouldBe "ERR value is not a valid float"
        scan.errorReply("SCANFX.DECIMAL", "1e") shouldBe "ERR value is not a valid float"
        scan.call("PING") shouldBe "PONG"
    }
})
