package io.valkeyjvm.conformance.getchannels

import io.valkeyjvm.core.ChannelFlag
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.valkeyModule
import java.util.EnumSet

/**
 * A port of Valkey's tests/modules/getchannels.c (module "getchannels"):
 * `getchannels.command [subscribe|unsubscribe|publish literal|pattern channel] ...` declares its
 * channels (getchannels-api) for ACL checks and replies OK, or the first bad operation or type.
 * Its errors have no error code, as the C module's ("-Invalid channel operation").
 */

/** The channels of the call as (position, flags), up to the first bad triple; and that triple's error, if any. */
private fun channels(args: List<ValkeyString>): Pair<List<Pair<Int, Set<ChannelFlag>>>, String?> {
    val found = mutableListOf<Pair<Int, Set<ChannelFlag>>>()
    for (i in 1 until args.size step 3) {
        val flags = EnumSet.noneOf(ChannelFlag::class.java)
        when {
            args[i].equalsIgnoreCase("subscribe") -> flags += ChannelFlag.SUBSCRIBE
            args[i].equalsIgnoreCase("unsubscribe") -> flags += ChannelFlag.UNSUBSCRIBE
            args[i].equalsIgnoreCase("publish") -> flags += ChannelFlag.PUBLISH
            else -> return found to "Invalid channel operation"
        }
        when {
            args[i + 1].equalsIgnoreCase("literal") -> {}
            args[i + 1].equalsIgnoreCase("pattern") -> flags += ChannelFlag.PATTERN
            else -> return found to "Invalid channel type"
        }
        found += (i + 2) to flags
    }
    return found to null
}

val getchannels = valkeyModule("getchannels") {
    commands {
        command("getchannels.command", getChannels = { args ->
            if ((args.size - 1) % 3 == 0) channels(args).first.forEach { (position, flags) -> channelAt(position, flags) }
        }) { args ->
            if ((args.size - 1) % 3 != 0) throw CommandError("ERR wrong number of arguments for 'getchannels.command' command")
            val error = channels(args).second
            if (error != null) throw ValkeyException.verbatim(error)
            replySimple("OK")
        }
    }
}
