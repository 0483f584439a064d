package io.valkeyjvm.dsl

import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.ValkeyString
import java.math.BigInteger

/** A reply written by code, for results that are not plain values: `ReplyWriter { replySimple("PONG") }`. */
public fun interface ReplyWriter {
    /** Writes the reply. */
    public fun Replies.write()
}

/**
 * Replies with [value], the one mapping from results to replies: null → null, Unit → +OK,
 * String/ValkeyString/ByteArray → bulk string, integers → integer, Double/Float → double,
 * Boolean → boolean, BigInteger → big number, a Collection → array, a Map → map, a
 * [ReplyWriter] → what it writes.
 */
public fun Replies.replyValue(value: Any?) {
    when (value) {
        null -> replyNull()
        is Unit -> replyOk()
        is ReplyWriter -> with(value) { write() }
        is String -> reply(value)
        is ValkeyString -> reply(value)
        is ByteArray -> reply(value)
        is Long -> reply(value)
        is Int -> reply(value.toLong())
        is Short -> reply(value.toLong())
        is Byte -> reply(value.toLong())
        is Double -> reply(value)
        is Float -> reply(value.toDouble())
        is Boolean -> reply(value)
        is BigInteger -> replyBigNumber(value.toString())
        is Collection<*> -> {
            replyArray(value.size.toLong())
            value.forEach { replyValue(it) }
        }
        is Map<*, *> -> {
            replyMap(value.size.toLong())
            value.forEach { (k, v) ->
                replyValue(k)
                replyValue(v)
            }
        }
        else -> throw IllegalArgumentException("cannot reply with a ${value::class.qualifiedName}; return a value or a ReplyWriter")
    }
}
