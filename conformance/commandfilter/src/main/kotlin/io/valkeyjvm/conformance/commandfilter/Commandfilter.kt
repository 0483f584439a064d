package io.valkeyjvm.conformance.commandfilter

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.CommandFilterRegistration
import io.valkeyjvm.core.FilteredCommand
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/commandfilter.c: loaded with `<log key> <noself 0|1> [noload]`,
 * it registers a filter that deletes "@delme", replaces "@replaceme", inserts around
 * "@insertbefore"/"@insertafter", retains the argument after "@retain" and reroutes a command
 * holding "@log" through COMMANDFILTER.LOG, which logs it to the log key and runs it; and a filter
 * that swaps BLMOVE's directions. "noload" fails the load once the filters are registered.
 */

private lateinit var logKey: ValkeyString
private var inLogCommand = false
private var unfilteredClientId = 0L
private var retained: ValkeyString? = null
private var filter: CommandFilterRegistration? = null

private val DELME = ValkeyString.of("@delme")
private val REPLACEME = ValkeyString.of("@replaceme")
private val INSERT_BEFORE = ValkeyString.of("@insertbefore")
private val INSERT_AFTER = ValkeyString.of("@insertafter")
private val RETAIN = ValkeyString.of("@retain")
private val LOG = ValkeyString.of("@log")

private fun rewrite(command: FilteredCommand) {
    if (command.clientId() == unfilteredClientId || inLogCommand) return
    var log = false
    var pos = 0
    while (pos < command.argCount()) {
        when (command.arg(pos)) {
            DELME -> {
                command.delete(pos)
                continue
            }
            REPLACEME -> command.replace(pos, ValkeyString.of("--replaced--"))
            INSERT_BEFORE -> command.insert(pos++, ValkeyString.of("--inserted-before--"))
            INSERT_AFTER -> command.insert(++pos, ValkeyString.of("--inserted-after--"))
            RETAIN -> retained = command.arg(++pos)
            LOG -> log = true
        }
        pos++
    }
    if (log) command.insert(0, ValkeyString.of("commandfilter.log"))
}

/** Bug 11894's guard: BLMOVE's directions swapped once, not again when the blocked command is reprocessed. */
private fun swapBlmove(command: FilteredCommand) {
    if (command.argCount() != 6 || command.arg(0) != ValkeyString.of("blmove")) return
    val first = command.arg(3)
    val second = command.arg(4)
    command.replace(3, second)
    command.replace(4, first)
}

val commandfilter = valkeyModule("commandfilter") {
    onLoad { args ->
        if (args.size != 2 && args.size != 3) {
            log("Log key name not specified", io.valkeyjvm.core.LogLevel.WARNING)
            throw CommandError("Log key name not specified")
        }
        logKey = args[0]
        val noSelf = (args[1].toLongOrNull() ?: 0L) != 0L
        retained = null
        filter = registerCommandFilter(noSelf) { rewrite(it) }
        registerCommandFilter(false) { swapBlmove(it) }
        if (args.size == 3 && args[2].equalsIgnoreCase("noload")) throw CommandError("noload: failing the load on purpose")
    }
    commands {
        command("commandfilter.log", arity = -1, flags = "write deny-oom", keys = Keys.single()) { args ->
            val entry = args.drop(1).fold(ValkeyString.of("")) { line, arg ->
                if (line.isEmpty) arg else line.concat(ValkeyString.of(" ")).concat(arg)
            }
            call("LPUSH", logKey, entry)
            inLogCommand = true
            try {
                // As the C module's call ("v"): in RESP2, not propagated.
                reply(call(args[1].toText(), *args.drop(2).toTypedArray(), flags = PASS_THROUGH_CALL))
            } catch (refused: CallRefusedException) {
                replySimple("Unknown command or invalid arguments")
            } finally {
                inLogCommand = false
            }
        }
        command("commandfilter.ping", arity = -1, flags = "deny-oom", keys = Keys.single()) {
            reply(call("ping", "@log", flags = PASS_THROUGH_CALL))
        }
        command("commandfilter.retained", arity = -1, flags = "readonly", keys = Keys.single()) {
            reply(retained?.let { ReplyValue.of(it) } ?: ReplyValue.NULL)
        }
        command("commandfilter.unregister", arity = -1, flags = "write deny-oom", keys = Keys.single()) {
            reply(if (filter?.unregister() == true) 0L else 1L)
        }
        command("unfilter_clientid", arity = -2, flags = "admin", keys = Keys.single()) { args ->
            val id = args[1].toLongOrNull()
            if (id == null || id < 0) throw CommandError("invalid client id")
            unfilteredClientId = id
            replySimple("OK")
        }
    }
}

/** The C module's calls whose replies it passes on ("v", "c"): RESP2, not propagated. */
private val PASS_THROUGH_CALL = setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED)
