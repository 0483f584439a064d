package io.valkeyjvm.conformance.publish

import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/publish.c: PUBLISH.CLASSIC and PUBLISH.SHARD publish one
 * message on a channel or shard channel, PUBLISH.CLASSIC_MULTI several on one channel; each
 * replies the number of receivers.
 */
val publish = valkeyModule("publish") {
    commands {
        command("publish.classic") { args ->
            requireArity(args.size == 3)
            reply(publish(args[1], args[2]))
        }
        command("publish.classic_multi") { args ->
            requireArity(args.size >= 3)
            reply(args.drop(2).map { message -> publish(args[1], message).toReply() }.toReply())
        }
        command("publish.shard") { args ->
            requireArity(args.size == 3)
            reply(publishToShard(args[1], args[2]))
        }
    }
}
