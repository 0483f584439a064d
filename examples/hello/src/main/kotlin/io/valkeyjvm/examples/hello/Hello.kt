package io.valkeyjvm.examples.hello

import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule
import kotlin.random.Random

/** The largest value of C's rand(), which HELLO.RAND.ARRAY's numbers come from in the C original. */
private const val RAND_MAX = Int.MAX_VALUE

/** The server's default proto-max-bulk-len: no reply string can be longer. */
private const val MAX_STRING_LENGTH = 512L * 1024 * 1024

/**
 * A port of the server's helloworld example module (src/modules/helloworld.c): the same command
 * names, arguments, replies and errors.
 */
val hello = valkeyModule("helloworld") {
    version = 1
    commands {
        // The selected database's number; like the original, extra arguments are ignored.
        command("hello.simple", flags = "readonly") {
            reply(selectedDb)
        }

        // <count> random non-negative integers.
        command("hello.rand.array", arity = 2, flags = "readonly") { args ->
            val count = args[1].toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR invalid count")
            replyArray(count)
            for (i in 0 until count) reply(Random.nextInt(0, RAND_MAX).toLong())
        }

        // Left-pads <str> to <len> bytes with the single byte <ch>.
        command("hello.leftpad", arity = 4, keys = Keys(1, 1, 1)) { args ->
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

private fun leftPad(str: ValkeyString, length: Int, pad: Byte): ByteArray {
    val padded = ByteArray(length) { pad }
    str.toByteArray().copyInto(padded, destinationOffset = length - str.length())
    return padded
}
