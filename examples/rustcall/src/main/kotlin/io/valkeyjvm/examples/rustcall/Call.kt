package io.valkeyjvm.examples.rustcall

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.blockOnKeys
import io.valkeyjvm.dsl.valkeyModule
import kotlin.concurrent.thread
import kotlin.time.Duration.Companion.seconds

/**
 * A port of the Valkey Rust SDK's call example (valkeymodule-rs, examples/call.rs): CALL.TEST calls
 * ECHO with every kind of argument, SHUTDOWN in script mode (refused), and HSET and HGETALL with
 * RESP3 replies, and answers `pass`; CALL.BLOCKING and CALL.BLOCKING_FROM_DETACHED_CTX answer
 * what `BLPOP list 1` would.
 *
 * The Rust example makes a blocking call (the C API's `K` flag) and replies when its promise
 * resolves. This SDK has no blocking calls: CALL.BLOCKING pops at once if it can and otherwise
 * waits for the list with [blockOnKeys], for at most the same second; the detached version pops
 * from a thread under the server's lock and otherwise lets the blocked client time out. The
 * SHUTDOWN check looks at the refusal's reason, where the Rust example looks for "not allow" in
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
            val popped = call("BLPOP", "list", "0")
            if (popped !is ReplyValue.Null) return@command reply(popped)
            blockOnKeys(listOf(ValkeyString.of("list")), timeout = 1.seconds, onTimeout = { replyNull() }) { _, _ ->
                val ready = call("BLPOP", "list", "0")
                if (ready is ReplyValue.Null) return@blockOnKeys false
                reply(ready)
                true
            }
        }

        command("call.blocking_from_detached_ctx") {
            val blocked = context.block(1_000) { it.replyNull() }
            thread(name = "call.blocking_from_detached_ctx") {
                val popped = Server.withLock { it.call("BLPOP", "list", "0") }
                if (popped !is ReplyValue.Null) blocked.complete { it.reply(popped) }
            }
        }
    }
}

/** A bulk or simple string's text, as the Rust SDK's conversion to String reads either. */
private fun ReplyValue.text(): String? = when (this) {
    is ReplyValue.BulkString -> value().toText()
    is ReplyValue.SimpleString -> value()
    else -> null
}
