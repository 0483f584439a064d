package io.valkeyjvm.examples.rustcall

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.valkeyModule
import kotlin.concurrent.thread
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException

/**
 * A port of the Valkey Rust SDK's call example (valkeymodule-rs, examples/call.rs): CALL.TEST calls
 * ECHO with every kind of argument, SHUTDOWN in script mode (refused), and HSET and HGETALL with
 * RESP3 replies, and answers `pass`; CALL.BLOCKING and CALL.BLOCKING_FROM_DETACHED_CTX answer
 * what `BLPOP list 1` would.
 *
 * Both make a blocking call (the C API's `K` flag, `callBlocking`): if BLPOP blocks, the client
 * is blocked too and gets BLPOP's reply when it comes, as the Rust example's promise handler
 * sends it. The SHUTDOWN check looks at the refusal's reason, where the Rust example looks for "not allow" in
 * the server's error line, which the SDK does not keep for script-mode refusals.
 */
val callModule = valkeyModule("call") {
    commands {
        command("call.test") {
            val echoes = listOf<Pair<Any, String>>(
                "TEST" to "Failed calling 'ECHO TEST'",
                "TEST".toByteArray() to "Failed calling 'ECHO TEST' with static [u8]",
                ValkeyString.of("TEST") to "Failed calling 'ECHO TEST' with ValkeyString",
            )
            for ((arg, failure) in echoes) {
                val echoed = call("ECHO", arg)
                if (echoed.text() != "TEST") throw ValkeyException.verbatim(failure)
            }

            try {
                call("SHUTDOWN", flags = setOf(CallFlag.SCRIPT_MODE))
                throw ValkeyException.verbatim("Failed to set script mode on call_ext")
            } catch (refused: ValkeyException) {
                // The Rust example looks for "not allow" in the server's error line; for a refusal the SDK names the reason.
                val scriptMode = refused is CallRefusedException && refused.reason() == CallRefusedException.Reason.SCRIPT_MODE
                if (!scriptMode && refused.message?.contains("not allow") != true)
                    throw ValkeyException.verbatim("Failed to verify error messages, expected error message to contain 'not allow', error message: '${refused.message}'")
            }

            call("HSET", "x", "foo", "bar", flags = setOf(CallFlag.SCRIPT_MODE))
            val all = call("HGETALL", "x", flags = setOf(CallFlag.SCRIPT_MODE)) as? ReplyValue.Map
                ?: throw ValkeyException.verbatim("Did not get a set type on hgetall")
            val flat = all.entries().flatMap { (k, v) -> listOfNotNull(k.text(), v.text()) }
            if (flat != listOf("foo", "bar")) throw ValkeyException.verbatim("Reply of hgetall does not match expected value")
            reply("pass")
        }

        command("call.blocking") {
            val popped = callBlocking("BLPOP", "list", "1")
            if (popped.isDone) return@command replyWith(popped)
            val blocked = context.block(0) { it.replyNull() }
            popped.whenComplete { _, _ -> blocked.complete { it.replyWith(popped) } }
        }

        command("call.blocking_from_detached_ctx") {
            val blocked = context.block(0) { it.replyNull() }
            thread(name = "call.blocking_from_detached_ctx") {
                val popped = Server.withLock { it.callBlocking(emptySet(), "BLPOP", "list", "1") }
                popped.whenComplete { _, _ -> blocked.complete { it.replyWith(popped) } }
            }
        }
    }
}

/** Replies a finished call's reply, or its error line. */
private fun Replies.replyWith(done: CompletableFuture<ReplyValue>) {
    val value = try {
        done.join()
    } catch (failure: CompletionException) {
        return replyErrorLine(failure.cause?.message ?: "ERR blocking call failed")
    }
    reply(value)
}

/** A bulk or simple string's text, as the Rust SDK's conversion to String reads either. */
private fun ReplyValue.text(): String? = when (this) {
    is ReplyValue.BulkString -> value().toText()
    is ReplyValue.SimpleString -> value()
    else -> null
}
