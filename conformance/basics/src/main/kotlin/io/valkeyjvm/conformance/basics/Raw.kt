@file:OptIn(RawValkeyApi::class)

package io.valkeyjvm.conformance.basics

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleContext
import io.valkeyjvm.core.RawContext
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.raw.NativeAccess
import io.valkeyjvm.raw.RawValkeyApi
import io.valkeyjvm.raw.ValkeyModuleApi
import io.valkeyjvm.raw.ValkeyModuleConstants
import java.nio.ByteBuffer
import java.nio.ByteOrder

/*
 * What basics.c checks of the Call API and of server strings themselves, which the SDK keeps
 * behind its own types: call replies in RESP2 and in RESP3 as the server hands them over (their
 * attributes, their protocol text, whether a RESP2 client may be given one), and a string's
 * allocation. All of it is test-only.
 */

private fun pointer(scope: CommandScope): Long = RawContext.pointer(scope.context)

private fun bytes(args: Array<out Any>): Array<ByteArray> = Array(args.size) { i ->
    when (val arg = args[i]) {
        is ValkeyString -> arg.toByteArray()
        else -> arg.toString().toByteArray()
    }
}

/** Runs [block] on the reply of a raw Call (0 when refused), and frees it. */
private fun <T> withCall(ctx: Long, command: String, format: String, args: Array<out Any>, block: (Long) -> T): T {
    val reply = NativeAccess.call(ctx, command, format, bytes(args))
    try {
        return block(reply)
    } finally {
        if (reply != 0L) ValkeyModuleApi.FreeCallReply(reply)
    }
}

private fun text(reply: Long): String = String(NativeAccess.callReplyBytes(reply))

private fun type(reply: Long): Int = if (reply == 0L) ValkeyModuleConstants.REPLY_UNKNOWN else ValkeyModuleApi.CallReplyType(reply)

/** A size_t the server wrote at [address]. */
private fun sizeAt(address: Long): Long = ByteBuffer.wrap(NativeAccess.memory(address, 8)).order(ByteOrder.nativeOrder()).long

internal fun onLoadPingPongs(context: ModuleContext): Boolean =
    withCall(RawContext.pointer(context), "ping", "", emptyArray()) { reply ->
        type(reply) == ValkeyModuleConstants.REPLY_STRING && text(reply) == "PONG"
    }

/**
 * True when the RESP3 reply of [command] cannot be passed on to this command's client, which is
 * a RESP2 one: the C module's ReplyWithCallReply check.
 */
internal fun resp3RefusedToClient(scope: CommandScope, command: String, vararg args: Any): Boolean {
    val ctx = pointer(scope)
    // Reading the type first parses the reply, as in the C module: an unparsed one is not yet known as RESP3.
    return withCall(ctx, command, "3", args) { reply ->
        type(reply) != ValkeyModuleConstants.REPLY_UNKNOWN && ValkeyModuleApi.ReplyWithCallReply(ctx, reply) == ValkeyModuleConstants.ERR
    }
}

/**
 * TEST.CALL_ARGV_S: the called command's reply passed on as the C module's reply handlers do
 * (simple strings, bulk strings, arrays and errors), errors as replies: a script-mode refusal is
 * the server's own line ("ERR command 'shutdown' is not allowed on script mode").
 */
internal fun callArgvScriptMode(scope: CommandScope, args: List<ValkeyString>) {
    val ctx = pointer(scope)
    if (args.size < 2) throw io.valkeyjvm.core.ValkeyException("ERR wrong number of arguments for '${scope.commandName.toText()}' command")
    withCall(ctx, args[1].toText(), "SE", args.subList(2, args.size).toTypedArray()) { reply -> passOn(scope, reply) }
}

private fun passOn(scope: CommandScope, reply: Long) {
    when (type(reply)) {
        ValkeyModuleConstants.REPLY_STRING ->
            if (NativeAccess.callReplyIsSimple(reply)) scope.replySimple(text(reply)) else scope.reply(NativeAccess.callReplyBytes(reply))
        ValkeyModuleConstants.REPLY_ERROR -> scope.replyErrorLine(text(reply))
        ValkeyModuleConstants.REPLY_ARRAY -> {
            val length = ValkeyModuleApi.CallReplyLength(reply)
            scope.replyArray(length)
            for (i in 0 until length) passOn(scope, ValkeyModuleApi.CallReplyArrayElement(reply, i))
        }
        else -> scope.replyNull()
    }
}

/** TEST.CALL_ARGV_RAW: the called command's reply as its RESP text, in a bulk string. */
internal fun callArgvRaw(scope: CommandScope, args: List<ValkeyString>) {
    val ctx = pointer(scope)
    if (args.size < 2) throw io.valkeyjvm.core.ValkeyException("ERR wrong number of arguments for '${scope.commandName.toText()}' command")
    withCall(ctx, args[1].toText(), "WE", args.subList(2, args.size).toTypedArray()) { reply ->
        val length = ValkeyModuleApi.Alloc(8)
        try {
            val proto = ValkeyModuleApi.CallReplyProto(reply, length)
            scope.reply(NativeAccess.memory(proto, sizeAt(length).toInt()))
        } finally {
            ValkeyModuleApi.Free(length)
        }
    }
}

/** TEST.CALLRESP3ATTRIBUTE: DEBUG PROTOCOL attrib's string and the attribute before it. */
internal fun attributeTest(scope: CommandScope): Boolean {
    val ctx = pointer(scope)
    return withCall(ctx, "DEBUG", "3", arrayOf("PROTOCOL", "attrib")) { reply ->
        if (type(reply) != ValkeyModuleConstants.REPLY_STRING) return@withCall false
        if (ValkeyModuleApi.ReplyWithCallReply(ctx, reply) != ValkeyModuleConstants.ERR) return@withCall false
        if (text(reply) != "Some real reply following the attribute") return@withCall false
        val attribute = ValkeyModuleApi.CallReplyAttribute(reply)
        if (type(attribute) != ValkeyModuleConstants.REPLY_ATTRIBUTE) return@withCall false
        if (ValkeyModuleApi.ReplyWithCallReply(ctx, attribute) != ValkeyModuleConstants.ERR) return@withCall false
        if (ValkeyModuleApi.CallReplyLength(attribute) != 1L) return@withCall false
        val out = ValkeyModuleApi.Alloc(16)
        try {
            if (ValkeyModuleApi.CallReplyAttributeElement(attribute, 0, out, out + 8) != ValkeyModuleConstants.OK) return@withCall false
            val key = sizeAt(out)
            val value = sizeAt(out + 8)
            text(key) == "key-popularity" && type(value) == ValkeyModuleConstants.REPLY_ARRAY &&
                ValkeyModuleApi.CallReplyLength(value) == 2L &&
                text(ValkeyModuleApi.CallReplyArrayElement(value, 0)) == "key:123" &&
                text(ValkeyModuleApi.CallReplyArrayElement(value, 1)) == "90"
        } finally {
            ValkeyModuleApi.Free(out)
        }
    }
}

/** TEST.STRING.TRIM: a server string's allocation before and after TrimStringAllocation, with 1024 bytes appended. */
internal fun trimmedStringSizes(scope: CommandScope): Pair<Long, Long> {
    val ctx = pointer(scope)
    val s = ValkeyModuleApi.CreateString(0, "foo".toByteArray(), 3)
    try {
        ValkeyModuleApi.StringAppendBuffer(ctx, s, ByteArray(1024), 1024)
        val before = ValkeyModuleApi.MallocSizeString(s)
        ValkeyModuleApi.TrimStringAllocation(s)
        return before to ValkeyModuleApi.MallocSizeString(s)
    } finally {
        ValkeyModuleApi.FreeString(0, s)
    }
}

/**
 * TEST.STRING.APPEND.AM: appending to a trimmed server string. The C module retains the string
 * under automatic memory, which only takes it out of the context's pool; the SDK's contexts have
 * no such pool, and a retain here would share the string, which StringAppendBuffer must not change.
 */
internal fun appendRetained(scope: CommandScope) {
    val ctx = pointer(scope)
    val s = ValkeyModuleApi.CreateString(0, "foo".toByteArray(), 3)
    try {
        ValkeyModuleApi.TrimStringAllocation(s)
        ValkeyModuleApi.StringAppendBuffer(ctx, s, "bar".toByteArray(), 3)
        scope.reply(NativeAccess.stringBytes(s))
    } finally {
        ValkeyModuleApi.FreeString(0, s)
    }
}

/* ----------------------------- TEST.BASICS' framework ----------------------------- */

private class Tests(private val scope: CommandScope) {
    private val ctx = pointer(scope)

    /** The C module's T(): logs the test's name and calls it, with [format] (no RESP3: the client of a call is RESP2). */
    fun <T> t(name: String, format: String, vararg args: Any, check: (Long) -> T): T {
        scope.log("Testing $name", LogLevel.WARNING)
        return withCall(ctx, name, format, args, check)
    }

    fun error(reply: Long, expected: String): Boolean {
        if (type(reply) != ValkeyModuleConstants.REPLY_ERROR) return false
        val got = text(reply)
        if (got != expected) scope.log("Unexpected Error reply reply '$got' (instead of '$expected')", LogLevel.WARNING)
        return got == expected
    }

    fun string(reply: Long, expected: String): Boolean {
        when (type(reply)) {
            ValkeyModuleConstants.REPLY_ERROR -> { scope.log("Test error reply: ${text(reply)}", LogLevel.WARNING); return false }
            ValkeyModuleConstants.REPLY_STRING -> {}
            else -> { scope.log("Unexpected reply type ${type(reply)}", LogLevel.WARNING); return false }
        }
        val got = text(reply)
        if (got != expected) scope.log("Unexpected string reply '$got' (instead of '$expected')", LogLevel.WARNING)
        return got == expected
    }

    fun integer(reply: Long, expected: Long): Boolean {
        when (type(reply)) {
            ValkeyModuleConstants.REPLY_ERROR -> { scope.log("Test error reply: ${text(reply)}", LogLevel.WARNING); return false }
            ValkeyModuleConstants.REPLY_INTEGER -> {}
            else -> { scope.log("Unexpected reply type ${type(reply)}", LogLevel.WARNING); return false }
        }
        val got = ValkeyModuleApi.CallReplyInteger(reply)
        if (got != expected) scope.log("Unexpected integer reply '$got' (instead of '$expected')", LogLevel.WARNING)
        return got == expected
    }
}

/** TEST.BASICS: every test in order, stopping at the first that does not pass. */
internal fun runAllTests(scope: CommandScope) {
    val tests = Tests(scope)
    val passed = with(tests) {
        t("dbsize", "") { integer(it, 0) } &&
            t("ping", "") { string(it, "PONG") } &&
            t("test.call", "") { string(it, "OK") } &&
            t("test.callresp3map", "") { string(it, "OK") } &&
            t("test.callresp3set", "") { string(it, "OK") } &&
            t("test.callresp3double", "") { string(it, "OK") } &&
            t("test.callresp3bool", "") { string(it, "OK") } &&
            t("test.callresp3null", "") { string(it, "OK") } &&
            t("test.callreplywithnestedreply", "") { string(it, "test") } &&
            t("test.callreplywithbignumberreply", "") { string(it, "1234567999999999999999999999999999999") } &&
            t("test.callreplywithverbatimstringreply", "") { string(it, "txt:This is a verbatim\nstring") } &&
            t("test.ctxflags", "") { string(it, "OK") } &&
            t("test.string.append", "") { string(it, "foobar") } &&
            t("test.string.truncate", "") { string(it, "OK") } &&
            t("test.unlink", "") { string(it, "OK") } &&
            t("test.nestedcallreplyarray", "") { string(it, "OK") } &&
            t("test.string.append.am", "") { string(it, "foobar") } &&
            t("test.string.trim", "") { string(it, "OK") } &&
            t("test.string.printf", "", "foo", "bar") { string(it, "Got 3 args. argv[1]: foo, argv[2]: bar") } &&
            t("test.notify", "") { string(it, "OK") } &&
            t("test.callreplywitharrayreply", "") {
                type(it) == ValkeyModuleConstants.REPLY_ARRAY && ValkeyModuleApi.CallReplyLength(it) == 2L &&
                    string(ValkeyModuleApi.CallReplyArrayElement(it, 0), "test") &&
                    string(ValkeyModuleApi.CallReplyArrayElement(it, 1), "1234")
            } &&
            t("foo", "E") { error(it, "ERR unknown command 'foo', with args beginning with: ") } &&
            t("set", "E", "x") { error(it, "ERR wrong number of arguments for 'set' command") } &&
            t("shutdown", "SE") { error(it, "ERR command 'shutdown' is not allowed on script mode") } &&
            t("set", "WE", "x", "1") { error(it, "ERR Write command 'set' was called while write is not allowed.") }
    }
    scope.replySimple(if (passed) "ALL TESTS PASSED" else "SOME TEST DID NOT PASS! Check server logs")
}
