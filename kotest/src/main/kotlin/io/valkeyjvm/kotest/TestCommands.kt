@file:OptIn(io.valkeyjvm.core.InternalValkeyJvmApi::class)

package io.valkeyjvm.kotest

import io.valkeyjvm.core.CommandDefinition
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.core.internal.ErrorReplies

/**
 * Runs [args] (the command name first) through the module's handler in a [TestCommandContext],
 * with no server: the arity check the server would make, then the handler, then the reply,
 * decoded as [ValkeyServer.call] decodes it. An error reply, written or thrown, is a
 * [TestErrorReply] (see [testErrorReply]); what a thrown exception replies is what it would reply
 * in a server. [calls] answers the command's `call`s: `calls = { command, args -> ReplyValue.simple("PONG") }`.
 *
 * ```kotlin
 * hello.testCall("HELLO.LEFTPAD", "foo", "6", "x") shouldBe "xxxfoo"
 * ```
 */
public fun ModuleDefinition.testCall(
    vararg args: String,
    calls: TestCalls = NO_CALLS,
    db: Int = 0,
): Any? = testContext(*args, calls = calls, db = db).reply()

/** Like [testCall], for a command expected to fail: its error line (`"ERR invalid padding length"`). */
public fun ModuleDefinition.testErrorReply(
    vararg args: String,
    calls: TestCalls = NO_CALLS,
): String {
    val reply = testCall(*args, calls = calls)
    return (reply as? TestErrorReply)?.line ?: throw AssertionError("${args.first()} replied $reply, not an error")
}

/**
 * Runs [args] like [testCall] and returns the context, for more than the reply: what was logged,
 * whether the command replicated itself.
 */
public fun ModuleDefinition.testContext(
    vararg args: String,
    calls: TestCalls = NO_CALLS,
    db: Int = 0,
): TestCommandContext {
    require(args.isNotEmpty()) { "give the command name first, then its arguments" }
    val command = command(args[0])
    val context = TestCommandContext(name(), ValkeyString.of(args[0]), calls, db)
    if (!command.acceptsArgumentCount(args.size)) {
        context.fail("ERR wrong number of arguments for '${command.name()}' command")
        return context
    }
    try {
        command.handler().handle(context, args.map { ValkeyString.of(it) })
        if (!context.replied) context.fail("ERR command '${command.name()}' returned without a whole reply (a bug in the module)")
    } catch (failure: Throwable) {
        if (!context.replied) context.fail(ErrorReplies.of(failure)) else throw failure
    }
    return context
}

private fun ModuleDefinition.command(name: String): CommandDefinition =
    commands().firstOrNull { it.name().equals(name, ignoreCase = true) }
        ?: throw IllegalArgumentException("module '${name()}' has no command '$name'; it has ${commands().map { it.name() }}")
