package io.valkeyjvm.examples.rustresponse

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule
import java.util.TreeMap
import java.util.TreeSet

/**
 * A port of the Valkey Rust SDK's examples/response.rs, module "response": MAP.MGET replies the
 * given fields of a hash that exist, with their values, as a map ordered by field; MAP.UNIQUE
 * their distinct values as a set, in order. A missing key is a null reply. Maps and sets are
 * RESP3's; RESP2 clients get flat arrays.
 */
val response = valkeyModule("response") {
    version = 1
    commands {
        command("map.mget", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            val found = hashFields(args, "map.mget") ?: return@command replyNull()
            replyMap(found.size.toLong())
            found.forEach { (field, value) -> reply(field); reply(value) }
        }
        command("map.unique", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            val found = hashFields(args, "map.unique") ?: return@command replyNull()
            val values = TreeSet(found.values)
            replySet(values.size.toLong())
            values.forEach { reply(it) }
        }
    }
}

/** The fields of the hash at args[1] among args[2..] that exist, ordered; null if there is no key. */
private fun CommandScope.hashFields(args: List<ValkeyString>, command: String): TreeMap<ValkeyString, ValkeyString>? {
    if (args.size < 2) throw CommandError("ERR wrong number of arguments for '$command' command")
    val type = openKey(args[1]).use { it.type() }
    if (type == KeyType.EMPTY) return null
    if (type != KeyType.HASH) throw CommandError("ERR key is not a hash value")
    val fields = args.drop(2)
    val found = TreeMap<ValkeyString, ValkeyString>()
    if (fields.isEmpty()) return found
    call("HMGET", args[1], *fields.toTypedArray()).asList().forEachIndexed { i, value ->
        value.orNull()?.let { found[fields[i]] = it.asString() }
    }
    return found
}
