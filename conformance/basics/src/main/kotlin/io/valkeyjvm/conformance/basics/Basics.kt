package io.valkeyjvm.conformance.basics

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.addLatencySample
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.milliseconds

/**
 * A port of Valkey's tests/modules/basics.c (module "test"): TEST.* commands that each run a
 * self-test of the module API and reply OK (or ERR, or a reason), and TEST.BASICS, which runs
 * most of them through Call and replies "ALL TESTS PASSED".
 *
 * The SDK reads every call's reply in RESP3 and throws error replies; what the C module checks of
 * the Call API itself (a RESP3 reply refused to a RESP2 client, attributes, the raw protocol, the
 * type of a reply to a call in RESP2) and of the server's string allocations is checked on the raw
 * API, in Raw.kt, and so is the call in script mode of TEST.CALL_ARGV_S, whose refusal the SDK
 * words in its own way. VM_CallArgv, which Valkey 9.1 does not export to modules, is a Call here.
 */

private val NOT_PROPAGATED = setOf(CallFlag.NOT_PROPAGATED)

/** A call as the C module's (no "!": not propagated). */
private fun CommandScope.c(command: String, vararg args: Any): ReplyValue = call(command, *args, flags = NOT_PROPAGATED)

/** TestMatchReply: the reply is a string (or number) whose text is [expected]. */
private fun ReplyValue.matches(expected: String): Boolean = when (this) {
    is ReplyValue.BulkString, is ReplyValue.SimpleString, is ReplyValue.Verbatim -> asString() == ValkeyString.of(expected)
    is ReplyValue.Integer -> value.toString() == expected
    is ReplyValue.Double -> ValkeyString.of(value) == ValkeyString.of(expected)
    else -> false
}

/** Runs a check that replies OK when it returns true, the C module's "ERR" status when it returns false. */
private fun CommandScope.okOrErr(check: () -> Boolean) = replySimple(if (check()) "OK" else "ERR")

val test = valkeyModule("test") {
    onLoad {
        // As the C module: Call works in OnLoad; a PING there that does not PONG fails the load.
        if (!onLoadPingPongs(context)) throw ValkeyException("ERR PING in OnLoad did not reply PONG")
    }

    events {
        keyspace(KeyspaceEventType.HASH, KeyspaceEventType.SET, KeyspaceEventType.STRING, KeyspaceEventType.KEY_MISS) { type, event, key ->
            log(LogLevel.NOTICE, "Got event type ${type.bit()}, event $event, key ${key.toText()}")
            call(NOT_PROPAGATED, "HINCRBY", "notifications", key, "1")
        }
    }

    commands {
        command("test.call", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            okOrErr {
                c("DEL", "mylist")
                c("RPUSH", "mylist", ValkeyString.of("foo"), 1234L)
                val items = c("LRANGE", "mylist", "0", "-1").asList()
                items.size == 2 && items[0].matches("foo") && items[1].matches("1234")
            }
        }
        command("test.call_argv", flags = "write deny-oom") { args ->
            if (args.size < 2) wrongArity()
            // Writes refused; the refusal, as any error of the command, is the reply.
            // As VM_CallArgv with NO_WRITES and ERRORS_AS_REPLIES: in RESP2, not propagated, the server's own error lines.
            reply(call(args[1].toText(), *args.subList(2, args.size).toTypedArray(), flags = setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED, CallFlag.NO_WRITES, CallFlag.EXACT_ERRORS)))
        }
        command("test.call_argv_raw", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args -> callArgvRaw(this, args) }
        command("test.call_argv_s", flags = "write deny-oom") { args -> callArgvScriptMode(this, args) }
        command("test.call_argv_null_array_start", flags = "write deny-oom") { args ->
            if (args.size < 3) wrongArity()
            // The C handlers count bulk strings only: MGET's missing keys are nulls, not counted.
            val count = try {
                call("MGET", args[1], args[2], flags = setOf(CallFlag.NOT_PROPAGATED, CallFlag.NO_WRITES))
                    .asList().count { it is ReplyValue.BulkString }
            } catch (e: ValkeyException) {
                0
            }
            reply(count.toLong())
        }
        command("test.callresp3map", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            okOrErr {
                c("DEL", "myhash")
                c("HSET", "myhash", "f1", "v1", "f2", "v2")
                val reply = c("HGETALL", "myhash")
                reply is ReplyValue.Map && resp3RefusedToClient(this, "HGETALL", "myhash") && reply.entries.size == 2 &&
                    reply.entries.entries.toList().let { (e0, e1) ->
                        e0.key.matches("f1") && e1.key.matches("f2") && e0.value.matches("v1") && e1.value.matches("v2")
                    }
            }
        }
        command("test.callresp3attribute", flags = "write deny-oom", keys = Keys(1, 1, 1)) { okOrErr { attributeTest(this) } }
        command("test.callresp3set", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            okOrErr {
                c("DEL", "myset")
                c("sadd", "myset", "v1", "v2")
                val reply = c("smembers", "myset")
                // A set's order is not promised: each element is one of the two.
                reply is ReplyValue.Set && resp3RefusedToClient(this, "smembers", "myset") && reply.elements.size == 2 &&
                    reply.elements.all { it.matches("v1") || it.matches("v2") }
            }
        }
        command("test.callresp3double", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            okOrErr {
                val reply = c("DEBUG", "PROTOCOL", "double")
                reply is ReplyValue.Double && resp3RefusedToClient(this, "DEBUG", "PROTOCOL", "double") &&
                    "%.17g".format(reply.value) == "%.17g".format(3.141)
            }
        }
        command("test.callresp3bool", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            okOrErr {
                val yes = c("DEBUG", "PROTOCOL", "true")
                if (yes !is ReplyValue.Boolean || !resp3RefusedToClient(this, "DEBUG", "PROTOCOL", "true") || !yes.value) return@okOrErr false
                val no = c("DEBUG", "PROTOCOL", "false")
                no is ReplyValue.Boolean && !no.value
            }
        }
        command("test.callresp3null", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            okOrErr { c("DEBUG", "PROTOCOL", "null").isNull() && resp3RefusedToClient(this, "DEBUG", "PROTOCOL", "null") }
        }
        command("test.callreplywitharrayreply", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            c("DEL", "mylist")
            c("RPUSH", "mylist", "test", 1234L)
            val reply = c("LRANGE", "mylist", "0", "-1")
            if (reply is ReplyValue.Array) reply(reply) else replySimple("ERR")
        }
        command("test.callreplywithnestedreply", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            c("DEL", "mylist")
            c("RPUSH", "mylist", "test", 1234L)
            val reply = c("LRANGE", "mylist", "0", "-1")
            if (reply is ReplyValue.Array && reply.elements.isNotEmpty()) reply(reply.elements[0]) else replySimple("ERR")
        }
        command("test.callreplywithbignumberreply", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            val reply = c("DEBUG", "PROTOCOL", "bignum")
            if (reply is ReplyValue.BigNumber && resp3RefusedToClient(this, "DEBUG", "PROTOCOL", "bignum")) reply(reply.value.toString())
            else replySimple("ERR")
        }
        command("test.callreplywithverbatimstringreply", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            val reply = c("DEBUG", "PROTOCOL", "verbatim")
            if (reply is ReplyValue.Verbatim && resp3RefusedToClient(this, "DEBUG", "PROTOCOL", "verbatim"))
                reply(ValkeyString.of(reply.format() + ":").concat(reply.text()))
            else replySimple("ERR")
        }
        command("test.string.append", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            reply(ValkeyString.of("foo").concat(ValkeyString.of("bar")))
        }
        command("test.string.trim", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            val jemalloc = context.serverInfo("memory").text("mem_allocator")?.startsWith("jemalloc") == true
            val (before, after) = trimmedStringSizes(this)
            if ((jemalloc && after < before) || (!jemalloc && after <= before)) replySimple("OK")
            else replyErrorLine("String was not trimmed as expected.")
        }
        command("test.string.append.am", flags = "write deny-oom", keys = Keys(1, 1, 1)) { appendRetained(this) }
        command("test.string.truncate", flags = "write deny-oom", keys = Keys(1, 1, 1)) { stringTruncate() }
        command("test.string.printf", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            if (args.size < 3) wrongArity()
            reply("Got ${args.size} args. argv[1]: ${args[1].toText()}, argv[2]: ${args[2].toText()}")
        }
        command("test.ctxflags", flags = "readonly", keys = Keys(1, 1, 1)) { ctxFlags() }
        command("test.unlink", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            val key = openKeyForWrite(ValkeyString.of("unlinked"))
            key.setString(ValkeyString.of("Foobar"))
            if (c("EXISTS", "unlinked").asLong() != 1L) failTest("Key does not exist before unlink")
            if (!key.unlink()) failTest("Could not unlink key")
            if (c("EXISTS", "unlinked").asLong() != 0L) failTest("Could not verify key to be unlinked")
            replySimple("OK")
        }
        command("test.nestedcallreplyarray", flags = "write deny-oom", keys = Keys(1, 1, 1)) {
            val expectKey = ValkeyString.of("mykey")
            selectDb(1)
            c("LPUSH", expectKey, "myvalue")
            val scan = c("SCAN", 0L).asList()
            check(scan.size == 2)
            check(scan[0] is ReplyValue.BulkString && scan[0].asString().toLong() == 0L)
            val keys = scan[1]
            check(keys is ReplyValue.Array && keys.elements.size == 1)
            check(keys.elements[0] is ReplyValue.BulkString && keys.elements[0].asString() == expectKey)
            replySimple("OK")
        }
        command("test.basics", flags = "write", keys = Keys(1, 1, 1)) { runAllTests(this) }
        // Used by the unit's own tests, not by TEST.BASICS.
        command("test.rmcallautomode", flags = "write", keys = Keys(1, 1, 1)) {
            c("DEL", "myhash")
            c("HSET", "myhash", "f1", "v1", "f2", "v2")
            // The C module's auto mode ("0"): the reply in the client's own protocol, as the SDK replies any value.
            reply(c("HGETALL", "myhash"))
        }
        command("test.getresp", flags = "readonly", keys = Keys(1, 1, 1)) {
            reply(if (ContextFlag.RESP3 in contextFlags) 3L else 2L)
        }
        command("test.notify", flags = "write deny-oom", keys = Keys(1, 1, 1)) { notifications() }
        command("test.latency", flags = "readonly") { args ->
            if (args.size != 2) wrongArity()
            val latency = args[1].toLongOrNull() ?: failTest("Invalid integer value")
            addLatencySample("test", latency.milliseconds)
            replySimple("OK")
        }
    }
}

/** The C module's failTest: the message as the whole error line. */
private fun failTest(message: String): Nothing = throw ValkeyException.verbatim(message)

private fun CommandScope.wrongArity(): Nothing = throw ValkeyException("ERR wrong number of arguments for '${commandName.toText()}' command")

private fun CommandScope.stringTruncate() {
    c("SET", "foo", "abcde")
    val value = openKeyForWrite(ValkeyString.of("foo")).string()
    value.truncate(8)
    var s = value.get().toByteArray()
    if (s.size != 8) failTest("Failed to expand string value (8)")
    if (!s.contentEquals("abcde\u0000\u0000\u0000".toByteArray())) failTest("Failed to null pad string value (8)")
    value.truncate(4)
    s = value.get().toByteArray()
    if (s.size != 4) failTest("Failed to shrink string value (4)")
    if (!s.contentEquals("abcd".toByteArray())) failTest("Failed to truncate string value (4)")
    value.truncate(0)
    if (value.get().toByteArray().isNotEmpty()) failTest("Failed to shrink string value to (0)")
    replySimple("OK")
}

private fun CommandScope.notifications() {
    c("FLUSHDB")
    c("SET", "foo", "bar")
    c("SET", "foo", "baz")
    c("SADD", "bar", "x")
    c("SADD", "bar", "y")
    c("HSET", "baz", "x", "y")
    // LPUSH is not subscribed: it counts nothing.
    c("LPUSH", "l", "y")
    c("LPUSH", "l", "y")
    // Misses on purpose, for keymiss notifications.
    c("GET", "nosuchkey")
    try {
        c("SMEMBERS", "nosuchkey")
    } catch (_: ValkeyException) {
    }
    val failure = listOf("foo" to "2", "bar" to "2", "baz" to "1", "l" to null, "nosuchkey" to "2").firstNotNullOfOrNull { (key, expected) ->
        val reply = c("HGET", "notifications", key)
        when {
            expected == null && !reply.isNull() -> "Wrong reply for $key"
            expected == null -> null
            reply !is ReplyValue.BulkString -> "Wrong or no reply for $key"
            reply.value.toText() != expected -> "Got reply '${reply.value.toText()}'. expected '$expected'"
            else -> null
        }
    }
    if (failure != null) log("Failed NOTIFY Test. Reason: $failure", LogLevel.WARNING)
    c("FLUSHDB")
    replySimple(if (failure == null) "OK" else "ERR")
}

private fun CommandScope.ctxFlags() {
    val failure = ctxFlagsFailure()
    c("config", "set", "appendonly", "no")
    c("config", "set", "save", "")
    c("config", "set", "maxmemory", "0")
    c("config", "set", "maxmemory-policy", "noeviction")
    if (failure != null) {
        log("Failed CTXFLAGS Test. Reason: $failure", LogLevel.WARNING)
        replySimple("ERR")
    } else {
        replySimple("OK")
    }
}

private fun CommandScope.ctxFlagsFailure(): String? {
    var flags = contextFlags
    if (flags.isEmpty()) return "Got no flags"
    if (ContextFlag.LUA in flags) return "Lua flag was set"
    if (ContextFlag.MULTI in flags) return "Multi flag was set"
    if (ContextFlag.AOF in flags) return "AOF Flag was set"
    c("config", "set", "appendonly", "yes")
    if (ContextFlag.AOF !in contextFlags) return "AOF Flag not set after config set"
    c("config", "set", "save", "")
    if (ContextFlag.RDB in contextFlags) return "RDB Flag was set"
    c("config", "set", "save", "900 1")
    flags = contextFlags
    if (ContextFlag.RDB !in flags) return "RDB Flag was not set after config set"
    if (ContextFlag.PRIMARY !in flags) return "Master flag was not set"
    if (ContextFlag.REPLICA in flags) return "Slave flag was set"
    if (ContextFlag.READONLY in flags) return "Read-only flag was set"
    if (ContextFlag.CLUSTER in flags) return "Cluster flag was set"
    c("config", "set", "maxmemory", "0")
    if (ContextFlag.MAXMEMORY in contextFlags) return "Maxmemory flag was set"
    c("config", "set", "maxmemory", "100000000")
    flags = contextFlags
    if (ContextFlag.MAXMEMORY !in flags) return "Maxmemory flag was not set after config set"
    if (ContextFlag.EVICT in flags) return "Eviction flag was set"
    c("config", "set", "maxmemory-policy", "allkeys-lru")
    if (ContextFlag.EVICT !in contextFlags) return "Eviction flag was not set after config set"
    return null
}
