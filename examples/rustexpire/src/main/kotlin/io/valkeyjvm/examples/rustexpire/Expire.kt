package io.valkeyjvm.examples.rustexpire

import io.valkeyjvm.core.Key
import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's expire example (valkeymodule-rs, examples/expire.rs):
 * EXPIRE.CMD key seconds gives the key that many seconds to live, or, for a negative number,
 * takes its time to live away (PERSIST); OK either way. A missing key is the Rust SDK's error
 * line ("Error while setting key expire", "Error while removing key expire"), and so is a number
 * of seconds whose milliseconds do not fit a signed 64-bit number.
 */
val expire = valkeyModule("expire") {
    commands {
        command("expire.cmd", flags = "write fast deny-oom", keys = Keys(1, 1, 1)) { args ->
            if (args.size < 3) throw CommandError("ERR wrong number of arguments for '${args[0].toText()}' command")
            val seconds = args[2].toLongOrNull() ?: throw ValkeyException.verbatim("Couldn't parse as integer")
            val key = openKeyForWrite(args[1])
            if (seconds >= 0) {
                if (seconds > Long.MAX_VALUE / 1000) {
                    throw ValkeyException.verbatim("Error expire duration ${java.math.BigInteger.valueOf(seconds).multiply(java.math.BigInteger.valueOf(1000))} is not allowed")
                }
                if (key.type() == KeyType.EMPTY) throw ValkeyException.verbatim("Error while setting key expire")
                key.setTtlMillis(seconds * 1000)
            } else {
                if (key.type() == KeyType.EMPTY) throw ValkeyException.verbatim("Error while removing key expire")
                key.setTtlMillis(Key.NO_EXPIRE)
            }
            replyOk()
        }
    }
}
