package io.valkeyjvm.it

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.ClusterSlots
import io.valkeyjvm.core.KeyOpenFlag
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.mustObeyClient
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule

/**
 * A module around the command's context, for ContextSpec: module "ctxfx". It ships in the
 * fixture's jar; the spec loads it through a copy of the jar whose Valkey-Module-Class names this file.
 *
 * - ctxfx.me: [id, db, multi?, tracking?, authenticated?] of the client; ctxfx.name / ctxfx.setname name; ctxfx.cert.
 * - ctxfx.lru / ctxfx.setlru key ms, ctxfx.lfu / ctxfx.setlfu key n: the key's LRU and LFU.
 * - ctxfx.version, ctxfx.mono, ctxfx.reset: the server's version, monotonic clock, ResetDataset.
 * - ctxfx.slot key, ctxfx.tag slot: cluster slots.
 * - ctxfx.exact / ctxfx.refused cmd args...: a call with NO_WRITES, with EXACT_ERRORS (the
 *   server's line) or without (the refusal's reason); ctxfx.dryrun cmd args...: a dry run.
 * - ctxfx.incr key: INCR, propagated as ctxfx.incr itself, counting the runs it must obey (ctxfx.obeyed).
 */

/** ctxfx.incr commands that came from the primary or the AOF. */
private var obeyed = 0L

val ctxfx = valkeyModule("ctxfx") {
    commands {
        command("ctxfx.me", arity = 1) {
            val info = clientInfo() ?: fail("no client")
            reply(listOf(info.id, info.db.toLong(), flag(info.isInMulti), flag(info.isTracking), flag(info.isAuthenticated)).toReply())
        }
        command("ctxfx.name", arity = 1) { reply(clientName()?.toReply() ?: ReplyValue.NULL) }
        command("ctxfx.setname", arity = 2) { args ->
            setClientName(args[1])
            replyOk()
        }
        command("ctxfx.cert", arity = 1) { reply(clientCertificate()?.toReply() ?: ReplyValue.NULL) }
        command("ctxfx.lru", arity = 2, flags = "readonly", keys = Keys.single()) { args ->
            openKey(args[1], KeyOpenFlag.NO_TOUCH).use { reply(it.lruIdleMillis()) }
        }
        command("ctxfx.setlru", arity = 3, flags = "write", keys = Keys.single()) { args ->
            openKey(args[1], KeyOpenFlag.NO_TOUCH).use { reply(it.setLruIdleMillis(args[2].toLong())) }
        }
        command("ctxfx.lfu", arity = 2, flags = "readonly", keys = Keys.single()) { args ->
            openKey(args[1], KeyOpenFlag.NO_TOUCH).use { reply(it.lfuFrequency()) }
        }
        command("ctxfx.setlfu", arity = 3, flags = "write", keys = Keys.single()) { args ->
            openKey(args[1], KeyOpenFlag.NO_TOUCH).use { reply(it.setLfuFrequency(args[2].toLong())) }
        }
        command("ctxfx.version", arity = 1) { reply(Server.version().toString()) }
        command("ctxfx.mono", arity = 1) { reply(Server.monotonicMicroseconds()) }
        command("ctxfx.reset", arity = 1, flags = "write") {
            Server.resetDataset(false, false)
            replyOk()
        }
        command("ctxfx.slot", arity = 2) { args -> reply(ClusterSlots.slotOf(args[1]).toLong()) }
        command("ctxfx.tag", arity = 2) { args -> reply(ClusterSlots.canonicalTag(args[1].toLong().toInt())) }
        command("ctxfx.exact", arity = -2) { args ->
            reply(call(args[1].toText(), *args.drop(2).toTypedArray(), flags = setOf(CallFlag.NO_WRITES, CallFlag.EXACT_ERRORS)))
        }
        command("ctxfx.refused", arity = -2) { args ->
            try {
                reply(call(args[1].toText(), *args.drop(2).toTypedArray(), flags = setOf(CallFlag.NO_WRITES)))
            } catch (refused: CallRefusedException) {
                reply(refused.reason().name)
            }
        }
        command("ctxfx.dryrun", arity = -2) { args ->
            reply(call(args[1].toText(), *args.drop(2).toTypedArray(), flags = setOf(CallFlag.DRY_RUN)))
        }
        command("ctxfx.incr", arity = 2, flags = "write", keys = Keys.single()) { args ->
            if (mustObeyClient) obeyed++
            reply(call("INCR", args[1], flags = setOf(CallFlag.NOT_PROPAGATED)))
            replicateVerbatim()
        }
        command("ctxfx.obeyed", arity = 1) { reply(obeyed) }
    }
}

private fun flag(set: Boolean): Long = if (set) 1L else 0L
