package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/** A command that fails in any way gets an error reply; the server goes on serving. */
class CommandFailureSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)))

    afterEach { server.call("PING") shouldBe "PONG" }

    test("an exception's message becomes ERR <message>, and the stack trace goes to the log") {
        server.errorReply("FIXTURE.THROW", "it broke") shouldBe "ERR it broke"
        // Only a ValkeyException chooses its code: an upper-case first word is no code here.
        server.errorReply("FIXTURE.THROW", "URL is bad") shouldBe "ERR URL is bad"
        server.errorReply("FIXTURE.PLAINERROR", "URL is bad") shouldBe "ERR URL is bad"
        server.errorReply("FIXTURE.BUSYKEY") shouldBe "BUSYKEY Target key name already exists."
        server.log() shouldContain "command 'fixture.throw' threw java.lang.IllegalStateException: it broke"
    }

    test("a message that starts with an upper-case error code is sent as is") {
        server.errorReply("FIXTURE.ERROR", "NOPERM not for you") shouldBe "NOPERM not for you"
        server.errorReply("FIXTURE.ERROR", "lower case") shouldBe "ERR lower case"
    }

    test("an exception without a message is named by its class") {
        server.errorReply("FIXTURE.NPE") shouldBe "ERR java.lang.NullPointerException"
    }

    test("a stack overflow on the server's main thread is an error reply, not a crash") {
        server.errorReply("FIXTURE.STACKOVERFLOW") shouldBe "ERR java.lang.StackOverflowError"
    }

    test("running out of memory is an error reply, not a crash") {
        server.errorReply("FIXTURE.OOM") shouldStartWith "ERR Requested array size exceeds VM limit"
    }

    test("a handler that returns without replying gets an error reply") {
        server.errorReply("FIXTURE.NOREPLY") shouldBe "ERR command 'fixture.noreply' returned without a reply (a bug in the module)"
    }

    test("a context used after its command returned fails cleanly") {
        server.call("FIXTURE.STASH", "kept") shouldBe "OK"
        server.errorReply("FIXTURE.USESTASH") shouldContain "this context is no longer valid"
        server.errorReply("FIXTURE.READSTASH") shouldContain "command arguments can be read only while the command runs"
    }

    test("a function the running server lacks fails when used, naming the function") {
        server.errorReply("FIXTURE.MISSINGAPI") shouldBe
            "ERR ValkeyModule_ReplySetPushLength is not available in this valkey-server; it needs Valkey 7.0.0 or later"
    }

    test("many failures in a row leave the server serving") {
        repeat(200) { server.errorReply("FIXTURE.THROW", "again $it") shouldBe "ERR again $it" }
        server.call("FIXTURE.ECHO", "still here") shouldBe "still here"
    }
})
