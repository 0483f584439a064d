package io.valkeyjvm.conformance.hash

import io.valkeyjvm.core.HashSetFlag
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/hash.c: HASH.SET sets (or, with the value ":delete:", deletes)
 * one to four fields in one [io.valkeyjvm.core.HashValue.set] call, with the flags of its second
 * argument (n = NX, x = XX, a = COUNT_ALL), and replies with the server's count.
 */
val hash = valkeyModule("hash") {
    commands {
        command("hash.set", flags = "write", keys = Keys(1, 1, 1)) { args ->
            if (args.size < 5 || args.size % 2 == 0 || args.size > 11)
                throw CommandError("ERR wrong number of arguments for '${commandName.toText().lowercase()}' command")
            val hash = openKeyForWrite(args[1]).hash()
            val flags = buildSet {
                for (c in args[2].toByteArray()) when (c.toInt().toChar()) {
                    'n' -> add(HashSetFlag.NX)
                    'x' -> add(HashSetFlag.XX)
                    'a' -> add(HashSetFlag.COUNT_ALL)
                }
            }
            val fields = (3 until args.size step 2).map { args[it] }
            val values = (4 until args.size step 2).map { i -> args[i].takeUnless { it.equalsIgnoreCase(":delete:") } }
            reply(hash.set(fields, values, flags))
        }
    }
}
