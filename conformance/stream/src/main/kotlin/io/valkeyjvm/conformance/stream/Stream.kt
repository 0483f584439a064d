package io.valkeyjvm.conformance.stream

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.StreamId
import io.valkeyjvm.core.StreamValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/stream.c: STREAM.ADD and STREAM.ADDN add entries with
 * automatic IDs, STREAM.DELETE deletes one, STREAM.RANGE walks IDs either way (deleting, after
 * replying it, any entry with a field named "selfdestruct", or a prefix of it, as C's strncmp
 * does), STREAM.TRIM trims by MAXLEN or MINID, exactly or approximately; all through a key's
 * [StreamValue], with the C module's error replies.
 */
val stream = valkeyModule("stream") {
    commands {
        command("stream.add", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size >= 2 && args.size % 2 == 0)
            val id = try {
                streamAt(args[1])?.add(args.subList(2, args.size))
            } catch (failed: ValkeyException) {
                null
            } ?: throw CommandError("ERR StreamAdd failed")
            reply(id.toValkeyString())
        }
        command("stream.addn", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size >= 3 && args.size % 2 == 1)
            val n = args[2].toLongOrNull() ?: return@command replyErrorLine("N must be a number")
            val stream = streamAt(args[1])
            var added = 0L
            while (stream != null && added < n) {
                try {
                    stream.add(args.subList(3, args.size))
                } catch (failed: ValkeyException) {
                    break
                }
                added++
            }
            reply(added)
        }
        command("stream.delete", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 3)
            val id = StreamId.parseOrNull(args[2]) ?: return@command replyErrorLine("Invalid stream ID")
            if (streamAt(args[1])?.delete(id) != true) throw CommandError("ERR StreamDelete failed")
            replySimple("OK")
        }
        command("stream.range", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            var start = StreamId.parseOrNull(args[2]) ?: return@command replyErrorLine("Invalid stream ID")
            var end = StreamId.parseOrNull(args[3]) ?: return@command replyErrorLine("Invalid stream ID")
            val reverse = start > end
            if (reverse) start = end.also { end = start }
            val key = openKeyForWrite(args[1])
            if (key.type() != KeyType.STREAM) throw CommandError("ERR StreamIteratorStart failed")
            val range = key.stream().range(start, end, reverse)
            val length = replyArray()
            var count = 0L
            for (entry in range) {
                replyArray(2)
                reply(entry.id().toValkeyString())
                replyArray(2L * entry.fields().size)
                var selfDestruct = false
                for (field in entry.fields()) {
                    reply(field.name())
                    reply(field.value())
                    if (SELF_DESTRUCT.startsWith(field.name())) selfDestruct = true
                }
                if (selfDestruct) range.deleteCurrent()
                count++
            }
            length.set(count)
        }
        command("stream.trim", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 5)
            val byId = when {
                args[2].equalsIgnoreCase("minid") -> true
                args[2].equalsIgnoreCase("maxlen") -> false
                else -> throw CommandError("ERR Invalid arguments")
            }
            val minId = if (byId) StreamId.parseOrNull(args[4]) ?: throw CommandError("ERR Invalid stream ID") else null
            val maxLength = if (!byId) args[4].toLongOrNull() ?: throw CommandError("ERR Maxlen must be a number") else 0L
            val approximate = when (args[3].toTextOrNull()) {
                "~" -> true
                "=" -> false
                else -> throw CommandError("ERR Invalid approx-or-exact mark")
            }
            val key = openKeyForWrite(args[1])
            if (key.type() != KeyType.STREAM || maxLength < 0) throw CommandError("ERR Trimming failed")
            val stream = key.stream()
            reply(if (minId != null) stream.trimById(minId, approximate) else stream.trimByLength(maxLength, approximate))
        }
    }
}

private val SELF_DESTRUCT = ValkeyString.of("selfdestruct")

/** The stream at [name] opened for write, or null where the C API's Stream functions fail: a key of another type. */
private fun CommandScope.streamAt(name: ValkeyString): StreamValue? {
    val key = openKeyForWrite(name)
    return if (key.isEmpty || key.type() == KeyType.STREAM) key.stream() else null
}
