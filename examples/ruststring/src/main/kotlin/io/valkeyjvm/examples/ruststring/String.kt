package io.valkeyjvm.examples.ruststring

import io.valkeyjvm.core.Key
import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's examples/string.rs, module "string": STRING.SET writes a string
 * value in place (its time to live stays, as with the original's direct memory access) and
 * STRING.GET reads it; both binary-safe. A key of another type is "Could not read key".
 */
val string = valkeyModule("string") {
    version = 1
    commands {
        command("string.set", flags = "write fast deny-oom", keys = Keys(1, 1, 1)) { args ->
            if (args.size < 3) throw CommandError("ERR wrong number of arguments for 'string.set' command")
            openKeyForWrite(args[1]).use { key ->
                requireString(key)
                val ttl = key.ttlMillis()
                key.setString(args[2])
                if (ttl != Key.NO_EXPIRE) key.setTtlMillis(ttl)
            }
            replySimple("OK")
        }
        command("string.get", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for 'string.get' command")
            val value = openKey(args[1]).use { key -> requireString(key); key.stringValue() }
            if (value == null) replyNull() else reply(value)
        }
    }
}

private fun requireString(key: Key) {
    val type = key.type()
    if (type != KeyType.EMPTY && type != KeyType.STRING) throw ValkeyException.verbatim("Could not read key")
}
