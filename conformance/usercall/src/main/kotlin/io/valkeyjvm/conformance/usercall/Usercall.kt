package io.valkeyjvm.conformance.usercall

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.valkeyModule
import kotlin.concurrent.thread

/**
 * A port of Valkey's tests/modules/usercall.c: calls without a user, and as the module user
 * `module_user` (SetContextUser: [ServerAccess.callAs]) with the caller's Call flags, from the
 * command and from a thread while the client is blocked; the user's ACL rules are set and read
 * with USERCALL.ADD_TO_ACL and USERCALL.GET_ACL.
 *
 * The C module's CALL_ARGV variants use the server's internal VM_CallArgv and VM_ReplyRaw; here
 * they are the same calls through the SDK, with the flags VM_CallArgv reads (`C` and `!`).
 */
val usercall = valkeyModule("usercall") {
    onUnload {
        UserHolder.user?.close()
        UserHolder.user = null
    }
    commands {
        command("usercall.call_without_user", flags = "write") { args ->
            requireArity(args.size >= 2)
            replyCall { context.call(setOf(CallFlag.NOT_PROPAGATED), args[1].toText(), *args.drop(2).toTypedArray()) }
        }
        command("usercall.call_argv_without_user", flags = "write") { args ->
            requireArity(args.size >= 2)
            replyCall { context.call(setOf(CallFlag.NOT_PROPAGATED), args[1].toText(), *args.drop(2).toTypedArray()) }
        }
        command("usercall.call_with_user_flag", flags = "write") { args ->
            requireArity(args.size >= 3)
            val flags = callFlags(args[1].toText(), argv = false)
            replyCall { callWithUser(context, flags, args[2].toText(), args.drop(3)) }
        }
        command("usercall.call_argv_with_user_flag", flags = "write") { args ->
            requireArity(args.size >= 3)
            val flags = callFlags(args[1].toText(), argv = true)
            replyCall { callWithUser(context, flags, args[2].toText(), args.drop(3)) }
        }
        command("usercall.call_with_user_bg", flags = "write") { args ->
            val contextFlags = context.contextFlags()
            if (ContextFlag.MULTI in contextFlags) return@command replySimple("Blocked client is not supported inside multi")
            if (ContextFlag.DENY_BLOCKING in contextFlags) return@command replySimple("Blocked client is not allowed")
            val db = selectedDb
            val blocked = context.block(0) { it.replyNull() }
            thread(name = "usercall.call_with_user_bg") {
                val result = runCatching {
                    val flags = callFlags(args[1].toText(), argv = false)
                    Server.withLock(db) { server -> callWithUser(server, flags, args[2].toText(), args.drop(3)) }
                }
                blocked.complete { client ->
                    result.fold({ client.reply(it) }, { client.replyErrorLine(errorLine(it)) })
                }
            }
        }
        command("usercall.add_to_acl", flags = "write") { args ->
            requireArity(args.size == 2)
            try {
                UserHolder.require().setAclRules(args[1].toText())
            } catch (refused: IllegalArgumentException) {
                // The SDK's message ends with the server's reason, which is all the C module replies.
                return@command replyErrorLine(refused.message.orEmpty().substringAfter("'module_user': "))
            }
            replySimple("OK")
        }
        command("usercall.reset_user", flags = "write") { args ->
            requireArity(args.size == 1)
            UserHolder.user?.close()
            UserHolder.user = ModuleUser.create("module_user")
            replySimple("OK")
        }
        command("usercall.get_acl", flags = "write") { args ->
            requireArity(args.size == 1)
            reply(UserHolder.require().aclRules())
        }
    }
}

/** The module user, created by USERCALL.RESET_USER (main thread only, as in C). */
private object UserHolder {
    @Volatile var user: ModuleUser? = null

    // The C module asserts (and crashes the server) without one.
    fun require(): ModuleUser = user ?: throw CommandError("ERR no module user yet; call USERCALL.RESET_USER first")
}

/**
 * The Call flags of the C module's flag string: `C` runs as the user, `!` propagates (to replicas
 * only with `A`, to the AOF only with `R`); VM_CallArgv reads only `C` and `!`.
 */
private fun callFlags(text: String, argv: Boolean): Set<CallFlag> = buildSet {
    if ('C' in text) add(CallFlag.AS_USER)
    if ('!' !in text) add(CallFlag.NOT_PROPAGATED)
    else if (!argv && 'A' in text && 'R' !in text) add(CallFlag.REPLICAS_ONLY)
    else if (!argv && 'R' in text && 'A' !in text) add(CallFlag.AOF_ONLY)
    if (!argv && 'S' in text) add(CallFlag.SCRIPT_MODE)
    if (!argv && 'W' in text) add(CallFlag.NO_WRITES)
    if (!argv && 'M' in text) add(CallFlag.RESPECT_DENY_OOM)
}

/** As the C module after SetContextUser: the module user counts only for calls flagged `C`. */
private fun callWithUser(server: ServerAccess, flags: Set<CallFlag>, command: String, args: List<ValkeyString>): ReplyValue {
    val user = UserHolder.user
    return if (CallFlag.AS_USER in flags && user != null) server.callAs(user, flags - CallFlag.AS_USER, command, *args.toTypedArray())
    else server.call(flags, command, *args.toTypedArray())
}

private fun errorLine(failure: Throwable): String =
    if (failure is ValkeyException) failure.message.orEmpty() else "ERR ${failure.message}"

/** Replies the call's reply, or its error line as is (ReplyWithCallReply of an error reply). */
private inline fun CommandScope.replyCall(call: () -> ReplyValue) {
    val value = try {
        call()
    } catch (error: ValkeyException) {
        return replyErrorLine(errorLine(error))
    }
    reply(value)
}
