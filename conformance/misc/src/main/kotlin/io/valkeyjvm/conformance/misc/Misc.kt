package io.valkeyjvm.conformance.misc

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.ClusterSlots
import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.core.KeyOpenFlag
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.fullCommandName
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import java.math.BigDecimal

/**
 * A port of Valkey's tests/modules/misc.c (module "misc"): commands around the context and the
 * server: calls (plain, with flags, replicated), the database (flush, size, random key, key
 * existence), LRU and LFU of keys, the client (info, name, certificate), the server's version and
 * clocks, logging, cluster key slots, and a count of key-miss and expiry notifications.
 *
 * Where the C module calls the server-internal VM_CallArgv (not part of the module API: the C
 * test module links against the server's own symbol) and passes the raw RESP on, the port makes
 * the same call through ValkeyModule_Call with the matching flags and passes the reply on, which
 * the client reads the same. The C module's long double and unsigned long long round trips are
 * Java's BigDecimal and unsigned longs here; its allocator check (TryAlloc and friends) has no
 * JVM counterpart and only replies OK. Every call is in RESP2 ([CallFlag.RESP2]) unless its flags
 * say `3` (or `0`, the client's protocol), as the C module's format strings, so a RESP3 client
 * gets a called command's map as the flat array the C module passes on. Two differences remain:
 * a RESP3 client gets a called command's null as `_` where the C module passes RESP2's `$-1` or
 * `*-1` on (the module API writes those only as part of a call reply it passes on as is), and
 * test.call_argv_generic's refused call replies one error line where the C module sends two
 * replies to one command ("NULL reply returned" from its reply handler, then strerror's).
 */

/** Key-miss and expiry notifications seen since test.clear_n_events. */
private var events = 0L

val misc = valkeyModule("misc") {
    events {
        keyspace(KeyspaceEventType.KEY_MISS, KeyspaceEventType.EXPIRED) { _, _, _ -> events++ }
    }

    commands {
        command("test.call_generic") { args ->
            if (args.size < 2) return@command wrongArity()
            callAndReply(args[1], args.drop(2), PLAIN_CALL, refusal = ::strerror)
        }
        command("test.call_info") { args ->
            callAndReply(ValkeyString.of("info"), args.drop(1).take(1), PLAIN_CALL, refusal = ::strerror)
        }
        command("test.ld_conversion") { replyLongDoubleRoundTrip() }
        command("test.ull_conversion") { replyUnsignedRoundTrip() }
        command("test.flushall") {
            Server.resetDataset(true, false)
            reply("Ok")
        }
        command("test.dbsize") { reply(dbSize) }
        command("test.randomkey") { reply(randomKey()?.toReply() ?: ReplyValue.NULL) }
        command("test.keyexists", keys = Keys.single()) { args ->
            if (args.size < 2) return@command wrongArity()
            reply(keyExists(args[1]))
        }
        command("test.setlru") { args ->
            if (args.size < 3) return@command wrongArity()
            withExistingKey(args[1]) { key ->
                val idle = args[2].toText().toLongOrNull() ?: return@withExistingKey replyErrorLine("invalid idle time")
                reply(if (key.setLruIdleMillis(idle)) 1L else 0L)
            }
        }
        command("test.getlru") { args ->
            if (args.size < 2) return@command wrongArity()
            withExistingKey(args[1]) { key -> reply(key.lruIdleMillis()) }
        }
        command("test.setlfu") { args ->
            if (args.size < 3) return@command wrongArity()
            withExistingKey(args[1]) { key ->
                val freq = args[2].toText().toLongOrNull() ?: return@withExistingKey replyErrorLine("invalid freq")
                reply(if (key.setLfuFrequency(freq)) 1L else 0L)
            }
        }
        command("test.getlfu") { args ->
            if (args.size < 2) return@command wrongArity()
            withExistingKey(args[1]) { key -> reply(key.lfuFrequency()) }
        }
        command("test.clientinfo") {
            val info = clientInfo() ?: return@command replyErrorLine("failed to get client info")
            val flags = listOf(
                info.isTls to "ssl", info.isPubSub to "pubsub", info.isBlocked to "blocked", info.isTracking to "tracking",
                info.isUnixSocket to "unixsocket", info.isInMulti to "multi", info.isReadOnly to "readonly",
                info.isPrimary to "primary", info.isReplica to "replica", info.isMonitor to "monitor", info.isModule to "module",
                info.isAuthenticated to "authenticated", info.wasEverAuthenticated() to "ever_authenticated", info.isFake to "fake",
            ).joinToString(":") { (set, name) -> if (set) name else "" }
            reply(
                listOf(
                    "flags".toReply(), flags.toReply(), "id".toReply(), info.id.toReply(), "addr".toReply(), info.address.toReply(),
                    "port".toReply(), info.port.toReply(), "db".toReply(), info.db.toReply(),
                ).toReply(),
            )
        }
        command("test.getname") { args ->
            if (args.size != 1) return@command wrongArity()
            reply(clientName() ?: return@command replyErrorLine("-ERR No name"))
        }
        command("test.setname") { args ->
            if (args.size != 2) return@command wrongArity()
            try {
                setClientName(args[1])
                replySimple("OK")
            } catch (invalid: IllegalArgumentException) {
                replyErrorLine("Invalid argument")
            }
        }
        command("test.serverversion") { reply(Server.version().toString()) }
        command("test.getclientcert") { reply(clientCertificate()?.toReply() ?: ReplyValue.NULL) }
        command("test.log_tsctx") { args ->
            if (args.size != 3) return@command wrongArity()
            // Server.log writes through the module's detached context, as the C module's thread-safe one does.
            Server.log(logLevel(args[1].toText()), args[2].toText())
            replySimple("OK")
        }
        // A name with ':' in it, to check that INFO commandstats sanitizes it.
        command("test.weird:cmd", flags = "readonly") { replySimple("OK") }
        command("test.monotonic_time") { reply(Server.monotonicMicroseconds()) }
        command("test.rm_call", flags = "allow-stale") { args -> rmCall(args) }
        command("test.rm_call_flags", flags = "allow-stale") { args -> rmCallFlags(args, callArgv = false) }
        command("test.rm_call_replicate", flags = "allow-stale") { args ->
            rmCall(args)
            replicateVerbatim()
        }
        command("test.call_argv_generic") { args ->
            if (args.size < 2) return@command wrongArity()
            callAndReply(args[1], args.drop(2), PLAIN_CALL, refusal = ::strerror)
        }
        command("test.call_argv_info") { args ->
            callAndReply(ValkeyString.of("info"), args.drop(1).take(1), PLAIN_CALL, refusal = ::strerror)
        }
        command("test.vm_call_argv", flags = "allow-stale") { args -> rmCall(args) }
        command("test.vm_call_argv_flags", flags = "allow-stale") { args -> rmCallFlags(args, callArgv = true) }
        command("test.vm_call_argv_replicate", flags = "allow-stale") { args ->
            rmCall(args)
            replicateVerbatim()
        }
        command("test.silent_open_key") { args ->
            if (args.size < 2) return@command wrongArity()
            openKey(args[1], KeyOpenFlag.NO_EFFECTS).use { key ->
                if (key.isEmpty) replyErrorLine("key not found") else replySimple("OK")
            }
        }
        command("test.get_n_events") { reply(events) }
        command("test.clear_n_events") {
            events = 0
            replySimple("OK")
        }
        command("test.malloc_api") { replySimple("OK") }
        command("test.keyslot") { args ->
            for (slot in 0 until ClusterSlots.COUNT) {
                val key = ValkeyString.of("x{${ClusterSlots.canonicalTag(slot)}}y")
                check(ClusterSlots.slotOf(key) == slot) { "slot $slot: its canonical tag is in slot ${ClusterSlots.slotOf(key)}" }
            }
            if (args.size != 2) return@command wrongArity()
            reply(ClusterSlots.slotOf(args[1]).toLong())
        }
    }
}

/** ValkeyModule_WrongArity's reply. */
private fun CommandScope.wrongArity() = replyError("ERR wrong number of arguments for '$fullCommandName' command")

/** The C module's plain calls ("v", VM_CallArgv without flags): RESP2, not propagated, refusals as errno. */
private val PLAIN_CALL = setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED)

/** The C module's RM_Call wrapper ("Ev"): the command in args[1], RESP2, errors as replies, not propagated. */
private fun CommandScope.rmCall(args: List<ValkeyString>) {
    if (args.size < 2) return wrongArity()
    callAndReply(args[1], args.drop(2), setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED, CallFlag.EXACT_ERRORS)) { "NULL reply returned" }
}

/**
 * The C module's RM_Call wrapper with the call's flag characters in args[1], to which it adds
 * "Ev": ValkeyModule_Call refuses a character it does not know (the C module then replies "NULL
 * reply returned"). The VM_CallArgv variant ([callArgv]) reads only M, W, S, D, C and ! and
 * ignores the rest, and always calls in RESP2.
 */
private fun CommandScope.rmCallFlags(args: List<ValkeyString>, callArgv: Boolean) {
    if (args.size < 3) return wrongArity()
    val chars = args[1].toText()
    if (!callArgv && chars.any { it !in CALL_FORMAT_FLAGS }) return replyErrorLine("NULL reply returned")
    val flags = mutableSetOf(CallFlag.EXACT_ERRORS)
    val propagated = '!' in chars
    if (!propagated) flags += CallFlag.NOT_PROPAGATED
    val resp3 = !callArgv && ('3' in chars || ('0' in chars && ContextFlag.RESP3 in context.contextFlags()))
    if (!resp3) flags += CallFlag.RESP2
    for (c in chars) {
        when (c) {
            'M' -> flags += CallFlag.RESPECT_DENY_OOM
            'W' -> flags += CallFlag.NO_WRITES
            'S' -> flags += CallFlag.SCRIPT_MODE
            'D' -> flags += CallFlag.DRY_RUN
            'C' -> flags += CallFlag.AS_USER
        }
    }
    // Without '!' nothing propagates, and A and R have nothing to narrow; both together propagate nowhere.
    if (propagated && !callArgv) {
        val replicasOnly = 'A' in chars
        val aofOnly = 'R' in chars
        when {
            replicasOnly && aofOnly -> flags += CallFlag.NOT_PROPAGATED
            replicasOnly -> flags += CallFlag.REPLICAS_ONLY
            aofOnly -> flags += CallFlag.AOF_ONLY
        }
    }
    callAndReply(args[2], args.drop(3), flags) { "NULL reply returned" }
}

/** The flag characters ValkeyModule_Call knows besides its argument specifiers (K and X change nothing here). */
private const val CALL_FORMAT_FLAGS = "!AR30CSWMEDKX"

/**
 * Calls [command] and passes its reply on, an error included; a dry run's empty reply, and a call
 * the server refused without an error line, reply the [refusal] text as the C module does.
 */
private fun CommandScope.callAndReply(
    command: ValkeyString,
    args: List<ValkeyString>,
    flags: Set<CallFlag>,
    refusal: (CallRefusedException.Reason) -> String,
) {
    val reply = try {
        call(command.toText(), *args.toTypedArray(), flags = flags)
    } catch (refused: CallRefusedException) {
        if (CallFlag.EXACT_ERRORS in flags) return replyErrorLine(refused.message ?: "ERR")
        return replyErrorLine(refusal(refused.reason()))
    } catch (error: ValkeyException) {
        return replyErrorLine(error.message ?: "ERR")
    }
    if (CallFlag.DRY_RUN in flags && reply == ReplyValue.NULL) return replyErrorLine(refusal(CallRefusedException.Reason.OTHER))
    reply(reply)
}

/** strerror() of the errno ValkeyModule_Call sets for a refusal, which the C module replies. */
private fun strerror(reason: CallRefusedException.Reason): String =
    when (reason) {
        CallRefusedException.Reason.UNKNOWN_COMMAND -> "No such file or directory"
        CallRefusedException.Reason.WRONG_ARITY -> "Invalid argument"
        CallRefusedException.Reason.ACL_DENIED -> "Permission denied"
        CallRefusedException.Reason.WRITE_OR_OOM -> "No space left on device"
        else -> "Operation not permitted"
    }

/** Opens [name] without touching it; replies "key not found" for a missing key, as the C module does. */
private inline fun CommandScope.withExistingKey(name: ValkeyString, action: (io.valkeyjvm.core.Key) -> Unit) {
    openKey(name, KeyOpenFlag.NO_TOUCH).use { key -> if (key.isEmpty) replyErrorLine("key not found") else action(key) }
}

/** ValkeyModule_Log's level names; anything else is verbose, as in the server. */
private fun logLevel(name: String): LogLevel =
    when (name.lowercase()) {
        "debug" -> LogLevel.DEBUG
        "notice" -> LogLevel.NOTICE
        "warning" -> LogLevel.WARNING
        else -> LogLevel.VERBOSE
    }

/** 1e-17 to text and back, as the C module's long double round trip; replies the value. */
private fun CommandScope.replyLongDoubleRoundTrip() {
    val value = BigDecimal("1E-17")
    val text = "0.00000000000000001"
    if (value.toPlainString() != text) return replyErrorLine("Failed to convert long double to string ('${value.toPlainString()}' != '$text')")
    val parsed = text.toBigDecimalOrNull() ?: return replyErrorLine("Failed to convert string to long double")
    if (parsed.compareTo(value) != 0) return replyErrorLine("Failed to convert string to long double ($parsed != $value)")
    if ("1\u00003".toBigDecimalOrNull() != null) return replyErrorLine("Invalid string successfully converted to long double")
    // ReplyWithLongDouble: a RESP3 double, a bulk string of the same digits in RESP2.
    replyLongDouble(parsed.toDouble())
}

/** ULLONG_MAX to text and back, and two texts out of range; replies "ok". */
private fun CommandScope.replyUnsignedRoundTrip() {
    val max = -1L
    val text = "18446744073709551615"
    if (java.lang.Long.toUnsignedString(max) != text)
        return replyErrorLine("Failed to convert unsigned long long to string ('${java.lang.Long.toUnsignedString(max)}' != '$text')")
    val parsed = text.toULongOrNull() ?: return replyErrorLine("Failed to convert string to unsigned long long")
    if (parsed.toLong() != max) return replyErrorLine("Failed to convert string to unsigned long long ($parsed != $text)")
    for (bad in listOf("18446744073709551616", "-1"))
        if (bad.toULongOrNull() != null) return replyErrorLine("Invalid string successfully converted to unsigned long long")
    replySimple("ok")
}
