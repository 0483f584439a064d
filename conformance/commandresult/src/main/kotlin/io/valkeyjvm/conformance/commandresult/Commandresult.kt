package io.valkeyjvm.conformance.commandresult

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ServerEvent.CommandResult
import io.valkeyjvm.core.ServerEvent.CommandResult.Outcome
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ServerEventRegistration
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/commandresult.c: CMDRESULT.REGISTER subscribes, from a command,
 * to the command-result events (Valkey 9.1) of one outcome or all of them, CMDRESULT.UNSUBSCRIBE
 * drops them, and the events fill counters and a log of the last 100 results that
 * CMDRESULT.STATS and CMDRESULT.GETLOG read, kept with the C module's limits.
 */
val commandresult = valkeyModule("commandresult") {
    onLoad { CommandResults.reset() }
    commands {
        command("cmdresult.register", flags = "admin") { args ->
            requireArity(args.size == 2)
            if (CommandResults.subscriptions.isNotEmpty()) throw CommandError("ERR already subscribed to command result events")
            val kinds = when (args[1].toText()) {
                "all" -> listOf(ServerEventKind.COMMAND_SUCCEEDED, ServerEventKind.COMMAND_FAILED,
                    ServerEventKind.COMMAND_REJECTED, ServerEventKind.COMMAND_ACL_REJECTED)
                "success" -> listOf(ServerEventKind.COMMAND_SUCCEEDED)
                "failure" -> listOf(ServerEventKind.COMMAND_FAILED)
                "rejected" -> listOf(ServerEventKind.COMMAND_REJECTED)
                "acl_rejected" -> listOf(ServerEventKind.COMMAND_ACL_REJECTED)
                else -> throw CommandError("ERR invalid mode. Use: all, success, failure, rejected, or acl_rejected")
            }
            val registered = mutableListOf<ServerEventRegistration>()
            for (kind in kinds) {
                try {
                    registered += subscribe(kind) { event -> CommandResults.record(event) }
                } catch (refused: IllegalStateException) {
                    registered.forEach { it.unsubscribe() }
                    throw CommandError("ERR failed to subscribe to ${CommandResults.modeName(kind)} event")
                }
            }
            CommandResults.subscriptions += registered
            replySimple("OK")
        }
        command("cmdresult.unsubscribe", flags = "admin") { args ->
            val hadSubscription = CommandResults.subscriptions.isNotEmpty()
            requireArity(args.size == 1)
            CommandResults.subscriptions.forEach { it.unsubscribe() }
            CommandResults.subscriptions.clear()
            if (!hadSubscription) throw CommandError("ERR not subscribed to command result events")
            replySimple("OK")
        }
        command("cmdresult.stats", flags = "readonly") { args ->
            requireArity(args.size == 1)
            val stats = CommandResults.stats
            reply(listOf(
                "total_callbacks" to stats.totalCallbacks, "success_count" to stats.successes, "failure_count" to stats.failures,
                "rejected_count" to stats.rejections, "acl_denied_count" to stats.aclDenials,
                "total_duration_us" to stats.totalDurationMicros, "total_dirty" to stats.totalDirty,
            ).flatMap { (name, value) -> listOf(ReplyValue.simple(name), value.toReply()) }.toReply())
        }
        command("cmdresult.reset", flags = "admin") { args ->
            requireArity(args.size == 1)
            CommandResults.stats = Stats()
            CommandResults.log.clear()
            replySimple("OK")
        }
        command("cmdresult.getlog", flags = "readonly") { args ->
            requireArity(args.size <= 2)
            val logged = CommandResults.log.size
            val count = if (args.size == 2) (args[1].toLongOrNull() ?: throw CommandError("ERR invalid count")).coerceIn(0L, logged.toLong()).toInt() else logged
            reply(CommandResults.log.takeLast(count).asReversed().map { it.toReply() }.toReply())
        }
        command("cmdresult.success", flags = "readonly") { replySimple("OK") }
        command("cmdresult.fail", flags = "readonly") { replyError("ERR intentional failure") }
        command("cmdresult.rmcall", flags = "readonly") { args ->
            requireArity(args.size >= 2)
            try {
                // As the C module's call ("v"): in RESP2, not propagated.
                reply(call(args[1].toText(), *args.drop(2).toTypedArray(), flags = setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED)))
            } catch (refused: CallRefusedException) {
                replyError("ERR call failed")
            } catch (error: CommandError) {
                replyError(error.replyLine())
            }
        }
    }
}

/** The counters CMDRESULT.STATS shows. */
private data class Stats(
    val totalCallbacks: Long = 0, val successes: Long = 0, val failures: Long = 0, val rejections: Long = 0,
    val aclDenials: Long = 0, val totalDurationMicros: Long = 0, val totalDirty: Long = 0,
)

/** One logged result, its texts cut as the C module's fixed-size buffers cut them. */
private class LoggedResult(event: CommandResult) {
    private val command = cString(event.command()?.toByteArray() ?: "unknown".toByteArray(), 64)
    private val status = when (event.outcome()) {
        Outcome.SUCCESS -> "success"
        Outcome.FAILURE -> "failure"
        Outcome.REJECTED -> "rejected"
        Outcome.ACL_REJECTED -> "acl_rejected"
    }
    private val durationMicros = event.durationMicros()
    private val dirty = event.dirty()
    private val clientId = event.clientId()
    private val fromModule = if (event.fromModule()) 1L else 0L
    private val subevent = if (event.outcome() == Outcome.ACL_REJECTED) event.aclReason().toLong() else 0L
    private val rejection = cString(event.rejection()?.toByteArray() ?: ByteArray(0), 128)
    private val args = event.args().take(10).map { cString(it.toByteArray(), 128) }

    fun toReply(): ReplyValue = listOf(
        ReplyValue.simple("command"), command.toReply(), ReplyValue.simple("status"), status.toReply(),
        ReplyValue.simple("duration_us"), durationMicros.toReply(), ReplyValue.simple("dirty"), dirty.toReply(),
        ReplyValue.simple("client_id"), clientId.toReply(), ReplyValue.simple("is_module_client"), fromModule.toReply(),
        ReplyValue.simple("subevent"), subevent.toReply(), ReplyValue.simple("rejection_context"), rejection.toReply(),
        ReplyValue.simple("argv"), args.toReply(),
    ).toReply()
}

/** The module's state: its subscriptions, counters and log (main thread only, as in C). */
private object CommandResults {
    const val LOG_SIZE = 100
    val subscriptions = mutableListOf<ServerEventRegistration>()
    var stats = Stats()
    val log = ArrayDeque<LoggedResult>(LOG_SIZE)

    fun reset() {
        subscriptions.clear()
        stats = Stats()
        log.clear()
    }

    fun record(event: CommandResult) {
        val outcome = event.outcome()
        stats = stats.copy(
            totalCallbacks = stats.totalCallbacks + 1,
            successes = stats.successes + if (outcome == Outcome.SUCCESS) 1 else 0,
            failures = stats.failures + if (outcome == Outcome.FAILURE) 1 else 0,
            rejections = stats.rejections + if (outcome == Outcome.REJECTED) 1 else 0,
            aclDenials = stats.aclDenials + if (outcome == Outcome.ACL_REJECTED) 1 else 0,
            totalDurationMicros = stats.totalDurationMicros + event.durationMicros(),
            totalDirty = stats.totalDirty + event.dirty(),
        )
        if (log.size == LOG_SIZE) log.removeFirst()
        log.addLast(LoggedResult(event))
    }

    fun modeName(kind: ServerEventKind<*>): String = when (kind) {
        ServerEventKind.COMMAND_SUCCEEDED -> "success"
        ServerEventKind.COMMAND_FAILED -> "failure"
        ServerEventKind.COMMAND_REJECTED -> "rejected"
        else -> "acl_rejected"
    }
}

/** [bytes] as the C module keeps them: at most [size] - 1 bytes, up to the first NUL. */
private fun cString(bytes: ByteArray, size: Int): ValkeyString {
    val cut = bytes.copyOf(minOf(bytes.size, size - 1))
    val end = cut.indexOf(0)
    return ValkeyString.of(if (end < 0) cut else cut.copyOf(end))
}
