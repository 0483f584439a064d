package io.valkeyjvm.conformance.list

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ListValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/list.c: LIST.GETALL, LIST.EDIT and LIST.GET/SET/INSERT/DELETE
 * work on a list through a key's [ListValue] (ListGet, ListSet, ListInsert, ListDelete), with the
 * C module's replies: WRONGTYPE for a key that is not a list (a missing one included), "ERR index
 * out of bounds" for an index past the list.
 */
val list = valkeyModule("list") {
    commands {
        command("list.getall", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size in 2..3)
            val reverse = args.size == 3 && args[2].equalsIgnoreCase("REVERSE")
            val list = listAt(args[1], write = false)
            val n = list.size()
            replyArray(n)
            if (!reverse) for (i in 0 until n) reply(list[i]) else for (i in -1 downTo -n) reply(list[i])
        }
        command("list.edit", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size >= 3)
            val list = listAt(args[1], write = true)
            var argpos = 2
            val reverse = args.size >= 4 && args[argpos].equalsIgnoreCase("REVERSE")
            if (reverse) argpos++
            val cmdstr = args[argpos++].toByteArray()
            val required = cmdstr.count { it == 'i'.code.toByte() || it == 'r'.code.toByte() }
            val minLength = cmdstr.count { it == 'd'.code.toByte() || it == 'r'.code.toByte() || it == 'k'.code.toByte() }
            if (args.size < argpos + required) throw CommandError("ERR too few args")
            if (list.size() < minLength) throw CommandError("ERR list too short")
            var inserts = 0L
            var deletes = 0L
            var replaces = 0L
            var index = if (reverse) -1L else 0L
            val step = if (reverse) -1L else 1L
            for (c in cmdstr) {
                when (c.toInt().toChar()) {
                    'i' -> { list.insert(index, args[argpos++]); index += step; inserts++ }
                    'd' -> { list.delete(index); deletes++ }
                    'r' -> { list[index] = args[argpos++]; index += step; replaces++ }
                    'k' -> index += step
                }
            }
            val entry = if (index < list.size() && index >= -list.size()) list[index] else null
            replyMap(if (entry != null) 5 else 4)
            reply("i"); reply(inserts)
            reply("d"); reply(deletes)
            reply("r"); reply(replaces)
            reply("index"); reply(index)
            if (entry != null) { reply("entry"); reply(entry) }
        }
        command("list.get", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 3)
            val index = indexArg(args[2])
            reply(listAt(args[1], write = false)[index])
        }
        command("list.set", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            val index = indexArg(args[2])
            listAt(args[1], write = true)[index] = args[3]
            replySimple("OK")
        }
        command("list.insert", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            val index = indexArg(args[2])
            val key = openKeyForWrite(args[1])
            // ListInsert creates a list at index 0 or -1 of a missing key; any other index is WRONGTYPE there.
            if (key.type() != KeyType.LIST && !(key.isEmpty && (index == 0L || index == -1L))) throw ValkeyException.wrongType()
            key.list().insert(index, args[3])
            replySimple("OK")
        }
        command("list.delete", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 3)
            val index = indexArg(args[2])
            listAt(args[1], write = true).delete(index)
            replySimple("OK")
        }
    }
}

/** The list at [name]; a missing key is WRONGTYPE, as ListGet, ListSet and ListDelete report it. */
private fun CommandScope.listAt(name: ValkeyString, write: Boolean): ListValue {
    val key = if (write) openKeyForWrite(name) else openKey(name)
    if (key.type() != KeyType.LIST) throw ValkeyException.wrongType()
    return key.list()
}

private fun indexArg(arg: ValkeyString): Long = arg.toLongOrNull() ?: throw CommandError("ERR index must be a number")
