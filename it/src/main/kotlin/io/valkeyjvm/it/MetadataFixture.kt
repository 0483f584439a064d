package io.valkeyjvm.it

import io.valkeyjvm.core.AclLogReason
import io.valkeyjvm.core.ChannelFlag
import io.valkeyjvm.core.CommandArg
import io.valkeyjvm.core.CommandArgType
import io.valkeyjvm.core.KeyPermission
import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.KeySpecFlag.ACCESS
import io.valkeyjvm.core.KeySpecFlag.INSERT
import io.valkeyjvm.core.KeySpecFlag.OW
import io.valkeyjvm.core.KeySpecFlag.RO
import io.valkeyjvm.core.KeySpecFlag.RW
import io.valkeyjvm.core.KeySpecFlag.UPDATE
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.commandKeys
import io.valkeyjvm.dsl.fullCommandName
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.dsl.withAclUser
import java.util.EnumSet

/**
 * The "meta" module: commands that describe themselves with every kind of metadata, a container
 * with subcommands, getkeys-api and getchannels-api code, and ACL checks of users.
 */
val metadataFixture = valkeyModule("meta") {
    commands {
        // META.COPY src dst [REPLACE] [TTL seconds] [TAGS tag [tag ...]]
        command(
            "meta.copy", arity = -3, flags = "write deny-oom",
            summary = "Copies a string.", complexity = "O(N) where N is the value's length", since = "1.2.0",
            tips = listOf("nondeterministic_output", "request_policy:all_shards"),
            history = listOf("1.1.0" to "Added `TTL`.", "1.2.0" to "Added `TAGS`."),
            keySpecs = listOf(
                KeySpec.index(1).flags(RO, ACCESS).notes("the source is only read"),
                KeySpec.index(2).flags(OW, UPDATE),
                KeySpec.keyword("TAGS", 3).range(-1, 1, 0).flags(RO, ACCESS),
            ),
            args = listOf(
                CommandArg.key("src", 0).summary("the key to copy"),
                CommandArg.key("dst", 1).displayText("destination"),
                CommandArg.pureToken("replace", "REPLACE").optional().since("1.0.1"),
                CommandArg.of("seconds", CommandArgType.INTEGER).token("TTL").optional(),
                CommandArg.block("tagging", CommandArg.pureToken("tags", "TAGS"), CommandArg.key("tag", 2).multiple())
                    .optional().deprecatedSince("1.3.0"),
            ),
        ) { args -> replySimple("COPIED " + args[1].toText()) }
        // A read-only command: a user with %R~ keys may run it.
        command("meta.peek", arity = 2, flags = "readonly", keys = Keys.single(),
            keySpecs = listOf(KeySpec.index(1).flags(RO, ACCESS))) { args -> reply(call("GET", args[1])) }
        // The same without key specs: the server takes it for RW.
        command("meta.legacypeek", arity = 2, flags = "readonly", keys = Keys.single()) { args -> reply(call("GET", args[1])) }
        containerCommand("meta.box", summary = "Boxes of things.") {
            subcommand("put", arity = 4, flags = "write", keySpecs = listOf(KeySpec.index(2).flags(RW, INSERT)),
                args = listOf(CommandArg.key("box", 0), CommandArg.string("thing"))) { args ->
                reply(call("APPEND", args[2], args[3]))
            }
            subcommand("name", arity = 2) { replySimple(fullCommandName) }
        }
        // META.KEYSAFTER [x KEY k ...]: the arguments after each KEY are keys, read only.
        command("meta.keysafter", getKeys = { args ->
            for (i in 1 until args.size - 1) if (args[i].equalsIgnoreCase("key")) keyAt(i + 1, RO, ACCESS)
        }) { replySimple("OK") }
        // META.PUBLISH channel message, with its channel declared.
        command("meta.publish", arity = 3, getChannels = { channelAt(1, ChannelFlag.PUBLISH) }) { args ->
            reply(call("PUBLISH", args[1], args[2]))
        }
        // META.GETKEYS command arg...: keys and flags of a call, as the server finds them.
        command("meta.getkeys", arity = -2) { args ->
            val keys = commandKeys(args.drop(1))
            replyArray(keys.size.toLong())
            for (key in keys) {
                replyArray(2)
                reply(args[1 + key.position])
                reply(key.flags.map { it.name }.sorted().joinToString(" "))
            }
        }
        // META.CAN user COMMAND cmd args... | KEY key R|W | PREFIX prefix R|W | CHANNEL channel | CHECK db cmd args...
        command("meta.can", arity = -4) { args ->
            val perms = { s: String -> if (s == "R") EnumSet.of(KeyPermission.ACCESS) else EnumSet.of(KeyPermission.UPDATE) }
            withAclUser(args[1]) {
                when (args[2].toText().uppercase()) {
                    "COMMAND" -> reply(canRunCommand(args.drop(3)))
                    "KEY" -> reply(canAccessKey(args[3], perms(args[4].toText())))
                    "PREFIX" -> reply(canAccessKeyPrefix(args[3], perms(args[4].toText())))
                    "CHANNEL" -> reply(canAccessChannel(args[3], EnumSet.of(ChannelFlag.SUBSCRIBE)))
                    "CHECK" -> check(args[3].toLong().toInt(), args.drop(4))?.let { reply(it.name) } ?: replyNull()
                    else -> throw CommandError("ERR unknown check")
                }
            }
        }
        // META.DENY user object: an ACL LOG entry for user's key object.
        command("meta.deny", arity = 3) { args ->
            withAclUser(args[1]) { addLogEntry(args[2], AclLogReason.KEY) }
            replyOk()
        }
    }
}
