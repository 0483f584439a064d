package io.valkeyjvm.dsl

import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyString
import java.math.BigInteger

/*
 * Kotlin's way to ReplyValue, the one model of replies: what `call` returns, what a `suspending`
 * block returns, what `reply(value)` writes. `"42".toReply()`, `count.toReply()`,
 * `keys.toReply()`, `listOf(a, b).toReply()`.
 */

/** A bulk string reply of this text's UTF-8 bytes. */
public fun String.toReply(): ReplyValue = ReplyValue.of(this)

/** A bulk string reply. */
public fun ValkeyString.toReply(): ReplyValue = ReplyValue.of(this)

/** A bulk string reply of a copy of these bytes. */
public fun ByteArray.toReply(): ReplyValue = ReplyValue.of(this)

/** An integer reply. */
public fun Long.toReply(): ReplyValue = ReplyValue.of(this)

/** An integer reply. */
public fun Int.toReply(): ReplyValue = ReplyValue.of(toLong())

/** A double reply (RESP3; a bulk string for RESP2 clients). */
public fun Double.toReply(): ReplyValue = ReplyValue.of(this)

/** A boolean reply (RESP3; 1 or 0 for RESP2 clients). */
public fun Boolean.toReply(): ReplyValue = ReplyValue.of(this)

/** A big number reply (RESP3; a bulk string for RESP2 clients). */
public fun BigInteger.toReply(): ReplyValue = ReplyValue.of(this)

/** An array reply of these values. */
@JvmName("valuesToReply")
public fun Iterable<ReplyValue>.toReply(): ReplyValue = ReplyValue.array(toList())

/** An array reply of bulk strings. */
@JvmName("stringsToReply")
public fun Iterable<ValkeyString>.toReply(): ReplyValue = ReplyValue.arrayOf(this)

/** An array reply of integers. */
@JvmName("longsToReply")
public fun Iterable<Long>.toReply(): ReplyValue = ReplyValue.array(map { ReplyValue.of(it) })

/** A map reply (RESP3; a flat array of keys and values for RESP2 clients). */
public fun Map<ReplyValue, ReplyValue>.toReply(): ReplyValue = ReplyValue.map(this)
