package io.valkeyjvm.examples.rustcall

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.kotest.testCall
import io.valkeyjvm.kotest.testErrorReply

/** CALL.TEST against configured call replies, as the Rust example's own unit tests run it; no server. */
class CallUnitSpec : FunSpec({
    fun replies(hgetall: ReplyValue): (String, List<String>) -> ReplyValue = { command, _ ->
        when (command) {
            "ECHO" -> ReplyValue.simple("TEST")
            "SHUTDOWN" -> ReplyValue.error("ERR not allowed in script mode")
            "HSET" -> ReplyValue.of(1L)
            "HGETALL" -> hgetall
            else -> error("unexpected call $command")
        }
    }

    test("CALL.TEST passes on the replies the Rust unit test configures") {
        callModule.testCall("CALL.TEST", calls = replies(ReplyValue.map(mapOf(ReplyValue.of("foo") to ReplyValue.simple("bar"))))) shouldBe "pass"
    }

    test("CALL.TEST fails, saying why, when HGETALL is not a map or holds something else") {
        callModule.testErrorReply("CALL.TEST", calls = replies(ReplyValue.of(1L))) shouldBe "Did not get a set type on hgetall"
        callModule.testErrorReply("CALL.TEST", calls = replies(ReplyValue.map(mapOf(ReplyValue.of("foo") to ReplyValue.of("baz"))))) shouldBe
            "Reply of hgetall does not match expected value"
    }

    test("CALL.TEST fails when SHUTDOWN is refused for another reason") {
        val calls: (String, List<String>) -> ReplyValue = { command, args ->
            if (command == "SHUTDOWN") ReplyValue.error("ERR something else") else replies(ReplyValue.of(1L))(command, args)
        }
        callModule.testErrorReply("CALL.TEST", calls = calls) shouldBe
            "Failed to verify error messages, expected error message to contain 'not allow', error message: 'ERR something else'"
    }
})
