package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/**
 * A command that fails half-way through its reply, or replies wrongly, still sends exactly one
 * well-formed reply (the error where the reply stopped), and the connection stays in step. An
 * unfinished postponed reply would otherwise crash the server.
 */
class ReplyRecoverySpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)))
    val connection = RawResp(server.host, server.port, 2)
    afterSpec { connection.close() }

    fun exchange(command: String): String = connection.exchange(command).also { connection.exchange("PING") shouldBe "+PONG\r\n" }

    test("an exception inside nested aggregates: the error takes the next element, the rest is completed") {
        exchange("FIXTURE.PARTIALPOSTPONED") shouldBe
            "*2\r\n:1\r\n*4\r\n\$1\r\nk\r\n-ERR failed inside a map\r\n\$-1\r\n\$-1\r\n"
    }

    test("an exception inside a fixed array") {
        exchange("FIXTURE.PARTIAL") shouldBe "*2\r\n:1\r\n-ERR failed halfway\r\n"
    }

    test("a handler that returns with a postponed array still open") {
        exchange("FIXTURE.UNFINISHED") shouldBe
            "*2\r\n\$12\r\nonly element\r\n-ERR command 'fixture.unfinished' returned with an unfinished reply (a bug in the module)\r\n"
    }

    test("a postponed length that does not match what was written is refused, not sent") {
        exchange("FIXTURE.WRONGLENGTH") shouldBe "*2\r\n:1\r\n-ERR this array reply has 1 elements written, not 2\r\n"
    }

    test("a second reply, or an exception after a whole reply: the client gets the first reply only") {
        exchange("FIXTURE.TWICE") shouldBe ":1\r\n"
        exchange("FIXTURE.THROWAFTER") shouldBe ":1\r\n"
        server.log() shouldContain "threw after its reply was complete"
    }

    test("the server is unharmed") {
        server.log() shouldNotContain "BUG REPORT"
        server.call("FIXTURE.ECHO", "fine") shouldBe "fine"
    }
})
