package io.valkeyjvm.conformance.usercall

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
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
 * they are the same calls through the SDK, with the flags VM_CallArgv reads (`C` and `!`). Every
 * call is in RESP2 ([CallFlag.RESP2]) unless the caller's flags say `3` (or `0`, the client's
 * protocol), as in the C module, so RESP3 clients get what it passes on; only a called command's
 * null differs for them (`_` here, RESP2's `$-1` or `*-1` from C, which the module API writes
 * only as part of a call reply passed on as is).
 */
val usercall = valkeyModule("usercall") {
    onUnload {
        UserHolder.user?.close()
        UserHolder.user = null
    }
    commands {
        command("usercall.call_without_user", flags = "write") { args ->
            requireArity(args.size >= 2)
            // "Ev": errors as replies.
            val flags = setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED, CallFlag.EXACT_ERRORS)
            replyCall { context.call(flags, args[1].toText(), *args.drop(2).toTypedArray()) }
        }
        command("usercall.call_argv_without_user", flags = "write") { args ->
            requireArity(args.size >= 2)
            // VM_CallArgv without flags: a refused call is only its error return.
            val flags = setOf(CallFlag.RESP2, CallFlag.NOT_PROPAGATED)
            replyCall(refused = "NULL reply returned") { context.call(flags, args[1].toText(), *args.drop(2).toTypedArray()) }
        }
        command("usercall.call_with_user_flag", flags = "write") { args ->
            requireArity(args.size >= 3)
            val flags = callFlags(args[1].toText(), argv = false, clientResp3 = ContextFlag.RESP3 in context.contextFlags())
                ?: return@command replyErrorLine("NULL reply returned")
            replyCall { callWithUser(context, flags, args[2].toText(), args.drop(3)) }
        }
        command("usercall.call_argv_with_user_flag", flags = "write") { args ->
            requireArity(args.size >= 3)
            val flags = callFlags(args[1].toText(), argv = true, clientResp3 = false)!!
            replyCall { callWithUser(context, flags, args[2].toText(), args.drop(3)) }
        }
        command("usercall.call_with_user_bg", flags = "write") { args ->
            val contextFlags = context.contextFlags()
            if (ContextFlag.MULTI in contextFlags) return@command replySimple("Blocked client is not supported inside multi")
            if (ContextFlag.DENY_BLOCKING in contextFlags) return@command replySimple("Blocked client is not allowed")
            val db = selectedDb
            val clientResp3 = ContextFlag.RESP3 in contextFlags
            val blocked = context.block(0) { it.replyNull() }
            thread(name = "usercall.call_with_user_bg") {
                val result = runCatching {
                    val flags = callFlags(args[1].toText(), argv = false, clientResp3)
                        ?: throw ValkeyException("NULL reply returned")
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
 * The Call flags of the C module's flag string, to which it adds "E" (errors as replies): `C` runs
 * as the user, `!` propagates (to replicas only with `A`, to the AOF only with `R`), `3` calls in
 * RESP3 and `0` in the client's protocol, else RESP2. Null for a character ValkeyModule_Call
 * refuses (the C module then replies "NULL reply returned"). VM_CallArgv ([argv]) reads only `C`
 * and `!`, ignores the rest and always calls in RESP2.
 */
private fun callFlags(text: String, argv: Boolean, clientResp3: Boolean): Set<CallFlag>? {
    if (!argv && text.any { it !in CALL_FORMAT_FLAGS }) return null
    return buildSet {
        add(CallFlag.EXACT_ERRORS)
        if ('C' in text) add(CallFlag.AS_USER)
        val resp3 = !argv && ('3' in text || ('0' in text && clientResp3))
        if (!resp3) add(CallFlag.RESP2)
        val replicasOnly = !argv && 'A' in text
        val aofOnly = !argv && 'R' in text
        // Without '!' nothing propagates; A and R together propagate nowhere.
        if ('!' !in text || (replicasOnly && aofOnly)) add(CallFlag.NOT_PROPAGATED)
        else if (replicasOnly) add(CallFlag.REPLICAS_ONLY)
        else if (aofOnly) add(CallFlag.AOF_ONLY)
        if (!argv && 'S' in text) add(CallFlag.SCRIPT_MODE)
        if (!argv && 'W' in text) add(CallFlag.NO_WRITES)
        if (!argv && 'M' in text) add(CallFlag.RESPECT_DENY_OOM)
        if (!argv && 'D' in text) add(CallFlag.DRY_RUN)
    }
}

/** The flag characters ValkeyModule_Call knows besides its argument specifiers (K and X change nothing here). */
private const val CALL_FORMAT_FLAGS = "!AR30CSWMEDKX"

/** As the C module after SetContextUser: the module user counts only for calls flagged `C`. */
private fun callWithUser(server: ServerAccess, flags: Set<CallFlag>, command: String, args: List<ValkeyString>): ReplyValue {
    val user = UserHolder.user
    return if (CallFlag.AS_USER in flags && user != null) server.callAs(user, flags - CallFlag.AS_USER, command, *args.toTypedArray())
    else server.call(flags, command, *args.toTypedArray())
}

private fun errorLine(failure: Throwable): String =
    if (failure is ValkeyException) failure.message.orEmpty() else "ERR ${failure.message}"

/**
 * Replies the call's reply, or its error line as is (ReplyWithCallReply of an error reply); a
 * call the server refused replies [refused] instead when given.
 */
private inline fun CommandScope.replyCall(refused: String? = null, call: () -> ReplyValue) {
    val value = try {
        call()
    } catch (refusal: CallRefusedException) {
        return replyErrorLine(refused ?: errorLine(refusal))
    } catch (error: ValkeyException) {
        return replyErrorLine(errorLine(error))
    }
    reply(value)
}
