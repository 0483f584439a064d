package io.valkeyjvm.examples.ruststream

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.StreamId
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's stream example (valkeymodule-rs, examples/stream.rs):
 * STREAM_POP key replies the id ("ms-seq") of the stream's first entry and trims it away, keeping
 * every entry from the second on; null for a stream with no entries. A key that is not a stream (a
 * missing one included) is WRONGTYPE; a trim that removes nothing is the Rust SDK's error
 * "Failed trimming the stream".
 */
val stream = valkeyModule("stream") {
    commands {
        command("STREAM_POP", flags = "write", keys = Keys(1, 1, 1)) { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for '${args[0].toText()}' command")
            val key = openKeyForWrite(args[1])
            if (key.type() != KeyType.STREAM) throw ValkeyException.wrongType()
            val stream = key.stream()
            val (first, second) = stream.range(null, null, false).use { range ->
                val first = if (range.hasNext()) range.next().id() else null
                first to (if (range.hasNext()) range.next().id() else null)
            }
            // Entries before the second one go; with no second one, everything goes.
            if (stream.trimById(second ?: StreamId.MAX, false) <= 0) throw ValkeyException.verbatim("Failed trimming the stream")
            if (first == null) replyNull() else reply("${java.lang.Long.toUnsignedString(first.ms())}-${java.lang.Long.toUnsignedString(first.seq())}")
        }
    }
}
