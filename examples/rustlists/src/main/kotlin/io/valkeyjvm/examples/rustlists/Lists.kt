package io.valkeyjvm.examples.rustlists

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's lists example (valkeymodule-rs, examples/lists.rs):
 * LPOPRPUSH source destination pops the head of the list at source and pushes it at the tail of
 * the list at destination, replying the element, or null when source is empty. Either key holding
 * anything but a list is WRONGTYPE, before anything moves.
 */
val lists = valkeyModule("lists") {
    commands {
        command("LPOPRPUSH", flags = "write fast deny-oom", keys = Keys(1, 2, 1)) { args ->
            if (args.size < 3) throw CommandError("ERR wrong number of arguments for '${args[0].toText()}' command")
            val source = openKeyForWrite(args[1])
            val destination = openKeyForWrite(args[2])
            if (source.type() !in LIST_OR_EMPTY || destination.type() !in LIST_OR_EMPTY) throw ValkeyException.wrongType()
            val value = if (source.type() == KeyType.EMPTY) null else source.list().popFirst()
            if (value == null) {
                replyNull()
            } else {
                destination.list().pushLast(value)
                reply(value)
            }
        }
    }
}

private val LIST_OR_EMPTY = setOf(KeyType.EMPTY, KeyType.LIST)
