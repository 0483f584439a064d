package io.valkeyjvm.examples.hello

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.Key
import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule
import kotlin.random.Random

/** The largest value of C's rand(), which HELLO.RAND.ARRAY's numbers come from in the C original. */
private const val RAND_MAX = Int.MAX_VALUE

/** The server's default proto-max-bulk-len: no reply string can be longer. */
private const val MAX_STRING_LENGTH = 512L * 1024 * 1024

/**
 * Writes the original makes through the key API, which replicates nothing by itself: the port
 * makes them with calls that stay on this server, so that replicas and the AOF see what the
 * original's do.
 */
private val local = setOf(CallFlag.NOT_PROPAGATED)

/**
 * A port of the server's helloworld example module (src/modules/helloworld.c), module
 * "helloworld": the same command names, flags, key positions, arguments, replies and errors.
 * Like the original, each command checks its own number of arguments. The C module's list,
 * sorted set and hash key functions are calls of the matching commands here.
 */
val hello = valkeyModule("helloworld") {
    version = 1
    onLoad { args -> args.forEachIndexed { j, arg -> println("Module loaded with ARGV[$j] = $arg") } }
    commands {
        // The selected database's number; like the original, extra arguments are ignored.
        command("hello.simple", flags = "readonly") {
            reply(selectedDb)
        }

        // RPUSH through the key API; the reply is the key's length, whatever it holds.
        command("hello.push.native", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            arity(args, 3)
            // keys are closed before a call changes them: an open key would not see the change
            if (typeOf(args[1]).let { it == KeyType.LIST || it == KeyType.EMPTY }) call("RPUSH", args[1], args[2], flags = local)
            reply(openKey(args[1]).use { it.length() })
        }

        // RPUSH through a call: its length, or C's LLONG_MIN where the call replied an error.
        command("hello.push.call", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            arity(args, 3)
            val length = try {
                call("RPUSH", args[1], args[2], flags = local).asLong()
            } catch (e: ValkeyException) {
                Long.MIN_VALUE
            }
            reply(length)
        }

        // RPUSH through a call, its reply passed on as is (an error included).
        command("hello.push.call2", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            arity(args, 3)
            reply(callReply("RPUSH", args[1], args[2]))
        }

        // The total length of a list's elements.
        command("hello.list.sum.len", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            arity(args, 2)
            reply(call("LRANGE", args[1], 0, -1, flags = local).asList().sumOf { it.asString().length().toLong() })
        }

        // Moves <count> elements from the tail of <src> to the head of <dst>; replies what is left in <src>.
        for (name in listOf("hello.list.splice", "hello.list.splice.auto")) {
            command(name, flags = "write deny-oom", keys = Keys(1, 2, 1)) { args ->
                arity(args, 4)
                if (!isListOrEmpty(typeOf(args[1])) || !isListOrEmpty(typeOf(args[2]))) throw CommandError.wrongType()
                val count = args[3].toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid count")
                for (i in 0 until count) {
                    val element = call("RPOP", args[1], flags = local).orNull() ?: break
                    call("LPUSH", args[2], element.asString(), flags = local)
                }
                reply(openKey(args[1]).use { it.length() })
            }
        }

        // <count> random non-negative integers.
        command("hello.rand.array", flags = "readonly") { args ->
            arity(args, 2)
            val count = args[1].toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid count")
            replyArray(count)
            for (i in 0 until count) reply(Random.nextInt(0, RAND_MAX).toLong())
        }

        // Replicates ECHO foo after the two INCRs, which replicate first: MULTI, INCR foo, INCR bar, ECHO foo, EXEC.
        command("hello.repl1", flags = "write") {
            replicate("ECHO", "foo")
            call("INCR", "foo")
            call("INCR", "bar")
            reply(0)
        }

        // Adds one to each element of a list (0 for one that is not a number), replies their sum; replicated as is.
        command("hello.repl2", flags = "write", keys = Keys(1, 1, 1)) { args ->
            arity(args, 2)
            val length = openKeyForWrite(args[1]).use { key ->
                if (key.type() != KeyType.LIST) throw CommandError.wrongType()
                key.length()
            }
            var sum = 0L
            repeat(length.toInt()) {
                val value = (call("RPOP", args[1], flags = local).asString().toLongOrNull() ?: 0L) + 1
                sum += value
                call("LPUSH", args[1], value, flags = local)
            }
            reply(sum)
            replicateVerbatim()
        }

        // Swaps the case of a string's ASCII letters in place; replicated as is.
        command("hello.toggle.case", flags = "write", keys = Keys(1, 1, 1)) { args ->
            arity(args, 2)
            openKeyForWrite(args[1]).use { key ->
                val type = key.type()
                if (type != KeyType.STRING && type != KeyType.EMPTY) throw CommandError.wrongType()
                if (type == KeyType.STRING) rewriteInPlace(key, toggleCase(key.stringValue()!!))
            }
            replySimple("OK")
            replicateVerbatim()
        }

        // Adds <milliseconds> to a key's time to live, if it has one.
        command("hello.more.expire", flags = "write", keys = Keys(1, 1, 1)) { args ->
            arity(args, 3)
            val addMillis = args[2].toLongOrNull() ?: throw CommandError("ERR invalid expire time")
            openKeyForWrite(args[1]).use { key ->
                val ttl = key.ttlMillis()
                // as in C, a time to live that would end up negative is left as it is (SetExpire refuses it)
                if (ttl != Key.NO_EXPIRE && ttl + addMillis >= 0) key.setTtlMillis(ttl + addMillis)
            }
            replySimple("OK")
        }

        // The sum of the scores from <start> to <end>, walked forwards and backwards.
        command("hello.zsumrange", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            arity(args, 4)
            val start = args[2].toDoubleOrNull()
            val end = args[3].toDoubleOrNull()
            if (start == null || end == null) throw CommandError("ERR invalid range")
            if (typeOf(args[1]) != KeyType.ZSET) throw CommandError.wrongType()
            val scores = call("ZRANGEBYSCORE", args[1], ValkeyString.of(start), ValkeyString.of(end), "WITHSCORES", flags = local)
                .asList().map { pair -> pair.asList()[1].asDouble() } // RESP3: [member, score] pairs
            replyArray(2)
            reply(scores.fold(0.0) { sum, score -> sum + score })
            reply(scores.asReversed().fold(0.0) { sum, score -> sum + score })
        }

        // The members between <min> and <max> in lexicographic order (ZRANGEBYLEX ranges).
        command("hello.lexrange", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            arity(args, 6)
            if (typeOf(args[1]) != KeyType.ZSET) throw CommandError.wrongType()
            val members = try {
                call("ZRANGEBYLEX", args[1], args[2], args[3], flags = local)
            } catch (e: ValkeyException) {
                throw ValkeyException.verbatim("invalid range")
            }
            reply(members)
        }

        // Copies a hash field's value to another field; 1 if there was one to copy.
        command("hello.hcopy", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            arity(args, 4)
            val type = typeOf(args[1])
            if (type != KeyType.HASH && type != KeyType.EMPTY) throw CommandError.wrongType()
            val old = call("HGET", args[1], args[2], flags = local).orNull()
            if (old != null) call("HSET", args[1], args[3], old.asString(), flags = local)
            reply(if (old != null) 1L else 0L)
        }

        // Left-pads <str> to <len> bytes with the single byte <ch>.
        command("hello.leftpad", keys = Keys(1, 1, 1)) { args ->
            arity(args, 4)
            val (str, lenArg, ch) = Triple(args[1], args[2], args[3])
            val length = lenArg.toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid padding length")
            if (str.length() >= length) return@command reply(str)
            if (ch.length() != 1) throw CommandError("ERR padding must be a single char")
            // The C original would try to allocate any length; a reply this long cannot be sent anyway.
            if (length > MAX_STRING_LENGTH) throw CommandError("ERR invalid padding length")
            reply(leftPad(str, length.toInt(), ch.byteAt(0)))
        }
    }
}

private fun CommandScope.arity(args: List<ValkeyString>, count: Int) {
    if (args.size != count) throw CommandError("ERR wrong number of arguments for '${commandName.toText().lowercase()}' command")
}

/** A call's reply, an error reply included, to pass on to the client as it is. */
private fun CommandScope.callReply(command: String, vararg args: Any): ReplyValue =
    try {
        call(command, *args, flags = local)
    } catch (e: ValkeyException) {
        ReplyValue.error(e.replyLine())
    }

private fun isListOrEmpty(type: KeyType): Boolean = type == KeyType.LIST || type == KeyType.EMPTY

/** What the key holds, read through a key opened for writing as the original's are (no read statistics). */
private fun CommandScope.typeOf(name: ValkeyString): KeyType = openKeyForWrite(name).use { it.type() }

/** Stores [value] over the key's string as the original's in-place write does: its time to live stays. */
private fun rewriteInPlace(key: Key, value: ValkeyString) {
    val ttl = key.ttlMillis()
    key.setString(value)
    if (ttl != Key.NO_EXPIRE) key.setTtlMillis(ttl)
}

private fun toggleCase(value: ValkeyString): ValkeyString {
    val bytes = value.toByteArray()
    for (i in bytes.indices) {
        val c = bytes[i].toInt().toChar()
        bytes[i] = when (c) {
            in 'A'..'Z' -> c.lowercaseChar().code.toByte()
            in 'a'..'z' -> c.uppercaseChar().code.toByte()
            else -> bytes[i]
        }
    }
    return ValkeyString.of(bytes)
}

private fun leftPad(str: ValkeyString, length: Int, pad: Byte): ByteArray {
    val padded = ByteArray(length) { pad }
    str.copyInto(padded, length - str.length())
    return padded
}
