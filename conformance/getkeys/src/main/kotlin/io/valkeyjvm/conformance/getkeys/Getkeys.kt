package io.valkeyjvm.conformance.getkeys

import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.KeySpecFlag
import io.valkeyjvm.core.KeySpecFlag.ACCESS
import io.valkeyjvm.core.KeySpecFlag.RO
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.commandKeys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/getkeys.c (module "getkeys"): commands whose keys are the
 * arguments after each "key" argument (getkeys-api, with and without key flags), one with fixed
 * keys, and getkeys.introspect, COMMAND GETKEYS done by a module (GetCommandKeysWithFlags).
 */

/** The positions of the arguments that follow a "key" argument. */
private fun keyPositions(args: List<ValkeyString>): List<Int> =
    (0 until args.size - 1).filter { args[it].equalsIgnoreCase("key") }.map { it + 1 }

/** Replies the arguments that follow a "key" argument. */
private val replyKeys: CommandScope.(List<ValkeyString>) -> Unit = { args ->
    val keys = keyPositions(args)
    replyArray(keys.size.toLong())
    for (position in keys) reply(args[position])
}

val getkeys = valkeyModule("getkeys") {
    commands {
        command("getkeys.command", getKeys = { args -> keyPositions(args).forEach { keyAt(it) } }, handler = replyKeys)
        command("getkeys.command_with_flags", getKeys = { args -> keyPositions(args).forEach { keyAt(it, RO, ACCESS) } },
            handler = replyKeys)
        command("getkeys.fixed", keys = Keys(2, 4, 1)) { args ->
            replyArray((args.size - 1).toLong())
            for (i in 1 until args.size) reply(args[i])
        }
        command("getkeys.introspect") { args ->
            if (args.size < 4) throw CommandError("ERR wrong number of arguments for 'getkeys.introspect' command")
            val withFlags = args[1].toLongOrNull() ?: throw CommandError("ERR invalid integer")
            val keys = try {
                commandKeys(args.subList(2, args.size))
            } catch (refused: CallRefusedException) {
                throw CommandError(
                    when (refused.reason()) {
                        CallRefusedException.Reason.UNKNOWN_COMMAND -> "ERR ENOENT"
                        CallRefusedException.Reason.WRONG_ARITY -> "ERR EINVAL"
                        else -> "ERR errno"
                    },
                )
            }
            replyArray(keys.size.toLong())
            for (key in keys) {
                val name = args[2 + key.position]
                if (withFlags == 0L) {
                    reply(name)
                    continue
                }
                replyArray(2)
                reply(name)
                val flags = key.flags
                reply(
                    when {
                        KeySpecFlag.RO in flags -> "RO"
                        KeySpecFlag.RW in flags -> "RW"
                        KeySpecFlag.OW in flags -> "OW"
                        KeySpecFlag.RM in flags -> "RM"
                        else -> ""
                    },
                )
            }
        }
    }
}
