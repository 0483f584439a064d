package io.valkeyjvm.conformance.reply

import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/reply.c (module `replywith`): one RW.* command per reply type,
 * answering RESP2 and RESP3 clients as the C module does, its error lines without an ERR code.
 */
val replywith = valkeyModule("replywith") {
    commands {
        command("rw.string") { args ->
            requireArity(args.size == 2)
            reply(args[1])
        }
        command("rw.cstring") { args ->
            requireArity(args.size == 1)
            replySimple("A simple string")
        }
        command("rw.bignumber") { args ->
            requireArity(args.size == 2)
            replyBigNumber(args[1].toText())
        }
        command("rw.int") { args ->
            requireArity(args.size == 2)
            val integer = args[1].toLongOrNull() ?: return@command replyErrorLine("Arg cannot be parsed as an integer")
            reply(integer)
        }
        command("rw.double") { args ->
            if (args.size == 1) return@command reply(Double.NaN)
            requireArity(args.size == 2 || args.size == 3)
            var value = args[1].toDoubleOrNull() ?: return@command replyErrorLine("Arg cannot be parsed as a double")
            if (args.size == 3) value /= args[2].toDoubleOrNull() ?: return@command replyErrorLine("Arg cannot be parsed as a double")
            reply(value)
        }
        command("rw.longdouble") { args ->
            requireArity(args.size == 2)
            replyLongDouble(args[1].toDoubleOrNull() ?: return@command replyErrorLine("Arg cannot be parsed as a double"))
        }
        command("rw.array") { args ->
            requireArity(args.size == 2)
            val count = countArg(args[1].toLongOrNull()) ?: return@command
            replyArray(count)
            for (i in 0 until count) reply(i)
        }
        command("rw.map") { args ->
            requireArity(args.size == 2)
            val count = countArg(args[1].toLongOrNull()) ?: return@command
            replyMap(count)
            for (i in 0 until count) {
                reply(i)
                reply(i * 1.5)
            }
        }
        command("rw.attribute") { args ->
            requireArity(args.size == 2)
            val count = countArg(args[1].toLongOrNull()) ?: return@command
            try {
                replyAttribute(count)
            } catch (resp2: ValkeyException) {
                return@command replyErrorLine("Attributes aren't supported by RESP 2")
            }
            for (i in 0 until count) {
                reply(i)
                reply(i * 1.5)
            }
            replySimple("OK")
        }
        command("rw.set") { args ->
            requireArity(args.size == 2)
            val count = countArg(args[1].toLongOrNull()) ?: return@command
            replySet(count)
            for (i in 0 until count) reply(i)
        }
        command("rw.bool") { args ->
            requireArity(args.size == 1)
            replyArray(2)
            reply(false)
            reply(true)
        }
        command("rw.null") { args ->
            requireArity(args.size == 1)
            replyNull()
        }
        command("rw.error") { args ->
            requireArity(args.size == 1)
            replyErrorLine("An error")
        }
        command("rw.error_format") { args ->
            requireArity(args.size == 3)
            // The tests only pass a single %s; the C module hands the line to printf.
            replyErrorLine(args[1].toText().replaceFirst("%s", args[2].toText()))
        }
        command("rw.verbatim") { args ->
            requireArity(args.size == 2)
            replyVerbatim(args[1].toText(), "txt")
        }
    }
}

/** The element count of RW.ARRAY, RW.MAP, RW.SET and RW.ATTRIBUTE, or null after the C module's error reply. */
private fun CommandScope.countArg(count: Long?): Long? {
    if (count == null) replyErrorLine("Arg cannot be parsed as a integer")
    return count
}
