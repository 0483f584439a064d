package io.valkeyjvm.conformance.aclcheck

import io.valkeyjvm.core.AclLogReason
import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.ChannelFlag
import io.valkeyjvm.core.KeyPermission
import io.valkeyjvm.core.ModuleContext
import io.valkeyjvm.core.RawContext
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.moduleUser
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.dsl.withAclUser
import io.valkeyjvm.raw.NativeAccess
import io.valkeyjvm.raw.RawValkeyApi
import io.valkeyjvm.raw.ValkeyModuleApi
import io.valkeyjvm.raw.ValkeyModuleConstants
import java.util.EnumSet

/**
 * A port of Valkey's tests/modules/aclcheck.c (module "aclcheck"): commands that check the
 * client's ACL user against a key, a key prefix, a channel, a command, or all of these at once
 * before they call the command, calls as the user (CallFlag.AS_USER), commands in ACL categories
 * of the server's and of the module's own (foocategory), and a load that fails when its argument
 * asks for more categories than the server allows.
 *
 * Where the C module replies a call's error reply as is, the SDK's call throws the error, and the
 * port's reply is that same line. The C module's errors without an error code ("DENIED KEY",
 * "INVALID FLAGS", "NOPERM") are the same here, since an upper-case first word counts as a code.
 */

/** The ACL user of the command's client. */
private fun CommandScope.clientUser(): ValkeyString = userName ?: throw CommandError("ERR the command has no client user")

/**
 * Calls args[from] with the arguments after it, as the client's user if asUser; the reply as it
 * came, or its error thrown. Not propagated and in RESP2, as the C module's calls (no "!", no "3").
 */
private fun CommandScope.callFrom(args: List<ValkeyString>, from: Int, asUser: Boolean) {
    val flags = if (asUser) setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED, CallFlag.AS_USER) else setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED)
    reply(call(args[from].toText(), *args.subList(from + 1, args.size).toTypedArray(), flags = flags))
}

/** What only OnLoad may do, tried from a command: true if the server allowed any of it. */
@OptIn(RawValkeyApi::class)
private fun anyLateRegistrationWorks(context: ModuleContext): Boolean {
    val ctx = RawContext.pointer(context)
    val callback = NativeAccess.commandCallback(0)
    val parent = ValkeyModuleApi.GetCommand(ctx, "block.commands.outside.onload")
    return listOf(
        ValkeyModuleApi.CreateCommand(ctx, "command.that.should.fail", callback, "", 0, 0, 0),
        ValkeyModuleApi.AddACLCategory(ctx, "blockedcategory"),
        ValkeyModuleApi.SetCommandACLCategories(parent, "write"),
        ValkeyModuleApi.CreateSubcommand(parent, "subcommand.that.should.fail", callback, "", 0, 0, 0),
    ).any { it == ValkeyModuleConstants.OK }
}

/** With a non-zero argument, the C module adds 45 categories, past the server's limit: the load fails. */
@OptIn(RawValkeyApi::class)
private fun addTooManyCategories(context: ModuleContext) {
    val ctx = RawContext.pointer(context)
    for (j in 0 until 45)
        if (ValkeyModuleApi.AddACLCategory(ctx, "customcategory$j") != ValkeyModuleConstants.OK)
            throw CommandError("the server refused ACL category customcategory$j: it has too many categories")
}

val aclcheck = valkeyModule("aclcheck") {
    aclCategories("foocategory")
    checkLoad { _, args -> if (args.size > 1) throw CommandError("aclcheck takes at most one argument") }
    onLoad { args -> if (args.isNotEmpty() && (args[0].toLongOrNull() ?: 0L) != 0L) addTooManyCategories(context) }
    commands {
        command("aclcheck.set.check.key", flags = "write") { args ->
            if (args.size < 4) throw CommandError("ERR wrong number of arguments for 'aclcheck.set.check.key' command")
            val permissions = when (args[1].toText().uppercase()) {
                "W" -> EnumSet.of(KeyPermission.UPDATE)
                "R" -> EnumSet.of(KeyPermission.ACCESS)
                "*" -> EnumSet.of(KeyPermission.UPDATE, KeyPermission.ACCESS)
                "~" -> EnumSet.noneOf(KeyPermission::class.java) // read or write, either
                else -> throw CommandError("INVALID FLAGS")
            }
            if (!withAclUser(clientUser()) { canAccessKey(args[2], permissions) }) throw CommandError("DENIED KEY")
            callFrom(listOf(ValkeyString.of("SET")) + args.subList(2, args.size), 0, asUser = false)
        }
        command("block.commands.outside.onload", flags = "write") {
            if (anyLateRegistrationWorks(context)) throw CommandError("UNEXPECTEDOK") else replySimple("OK")
        }
        command("aclcheck.module.command.aclcategories.write", flags = "write", aclCategories = "write") { replySimple("OK") }
        command("aclcheck.module.command.aclcategories.write.function.read.category", flags = "write", aclCategories = "read") {
            replySimple("OK")
        }
        command("aclcheck.module.command.aclcategories.read.only.category", aclCategories = "read") { replySimple("OK") }
        command("aclcheck.publish.check.channel") { args ->
            if (args.size != 3) throw CommandError("ERR wrong number of arguments for 'aclcheck.publish.check.channel' command")
            if (!withAclUser(clientUser()) { canAccessChannel(args[1], EnumSet.of(ChannelFlag.SUBSCRIBE)) })
                throw CommandError("DENIED CHANNEL")
            callFrom(listOf(ValkeyString.of("PUBLISH"), args[1], args[2]), 0, asUser = false)
        }
        command("aclcheck.check.permissions") { args ->
            if (args.size < 3) throw CommandError("ERR wrong number of arguments for 'aclcheck.check.permissions' command")
            val db = args[1].toLongOrNull()?.toInt() ?: throw CommandError("invalid DB index")
            withAclUser(clientUser()) {
                val denied = check(db, args.subList(2, args.size))
                if (denied != null) {
                    val logged = when (denied) {
                        AclLogReason.KEY, AclLogReason.CHANNEL -> if (args.size > 3) args[3] else args[2]
                        AclLogReason.DATABASE -> args[1]
                        else -> args[2]
                    }
                    addLogEntry(logged, denied)
                    throw CommandError("NOPERM")
                }
            }
            callFrom(args, 2, asUser = false)
        }
        command("aclcheck.rm_call.check.cmd") { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for 'aclcheck.rm_call.check.cmd' command")
            withAclUser(clientUser()) {
                if (!canRunCommand(args.subList(1, args.size))) {
                    addLogEntry(args[1], AclLogReason.COMMAND)
                    throw CommandError("DENIED CMD")
                }
            }
            callFrom(args, 1, asUser = false)
        }
        command("aclcheck.rm_call.check.cmd.module.user") { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for 'aclcheck.rm_call.check.cmd.module.user' command")
            val user = moduleUser("testuser1").apply {
                setAcl("allcommands")
                setAcl("allkeys")
                setAcl("on")
            }
            try {
                authenticateClient(user)
                withAclUser(user) {
                    if (!canRunCommand(args.subList(1, args.size))) {
                        addLogEntry(args[1], AclLogReason.COMMAND)
                        throw CommandError("DENIED CMD")
                    }
                }
                callFrom(args, 1, asUser = false)
            } finally {
                // Back to default, so that freeing testuser1 does not disconnect the client.
                authenticateClientAsAclUser("default")
                user.close()
            }
        }
        command("aclcheck.rm_call", flags = "write") { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for 'aclcheck.rm_call' command")
            try {
                callFrom(args, 1, asUser = true)
            } catch (refused: CallRefusedException) {
                throw CommandError(if (refused.reason() == CallRefusedException.Reason.ACL_DENIED) "ERR NOPERM" else errnoLine(refused.reason()))
            }
        }
        command("aclcheck.rm_call_with_errors", flags = "write") { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for 'aclcheck.rm_call_with_errors' command")
            callFrom(args, 1, asUser = true) // a refusal's error line is the server's own
        }
        command("acl.check_key_prefix") { args ->
            if (args.size != 3) throw CommandError("ERR wrong number of arguments for 'acl.check_key_prefix' command")
            val permissions = when (args[2].toText().uppercase()) {
                "R" -> EnumSet.of(KeyPermission.ACCESS)
                "W" -> EnumSet.of(KeyPermission.INSERT, KeyPermission.DELETE, KeyPermission.UPDATE)
                else -> return@command replySimple("EINVALID")
            }
            replySimple(if (withAclUser(clientUser()) { canAccessKeyPrefix(args[1], permissions) }) "OK" else "EACCESS")
        }
        command("aclcheck.module.command.test.add.new.aclcategories", aclCategories = "foocategory") { replySimple("OK") }
    }
}

/**
 * The C module's "ERR errno=N" for a refused call: the errno ValkeyModule_Call sets for the
 * refusal, as Linux numbers it.
 */
private fun errnoLine(reason: CallRefusedException.Reason): String {
    val errno = when (reason) {
        CallRefusedException.Reason.UNKNOWN_COMMAND -> 2 // ENOENT
        CallRefusedException.Reason.WRONG_ARITY -> 22 // EINVAL
        CallRefusedException.Reason.CLUSTER_REDIRECT -> 1 // EPERM
        CallRefusedException.Reason.CLUSTER_READ_ONLY -> 30 // EROFS
        CallRefusedException.Reason.CLUSTER_DOWN -> 100 // ENETDOWN
        CallRefusedException.Reason.NO_USER -> 95 // ENOTSUP
        CallRefusedException.Reason.WRITE_OR_OOM -> 28 // ENOSPC
        CallRefusedException.Reason.SCRIPT_MODE -> 29 // ESPIPE
        else -> return "ERR errno"
    }
    return "ERR errno=$errno"
}
