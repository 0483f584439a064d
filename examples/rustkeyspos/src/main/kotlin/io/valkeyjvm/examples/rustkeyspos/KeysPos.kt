package io.valkeyjvm.examples.rustkeyspos

import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's examples/keys_pos.rs (module "keys_pos"): `keys_pos k1 v1 k2 v2
 * ...` replies its keys, and tells the server where they are (getkeys-api), so COMMAND GETKEYS,
 * cluster routing and ACL key rules find every key, not only the first the legacy range names.
 * Where the Rust handler checks `is_keys_position_request` itself, the SDK runs `getKeys` instead
 * of the handler for such requests.
 */

/** The positions of the keys: every other argument from the first. */
internal fun keyPositions(args: List<ValkeyString>): IntProgression = 1 until args.size step 2

val keysPos = valkeyModule("keys_pos") {
    commands {
        command("keys_pos", keys = Keys(1, 1, 1), getKeys = { args -> keyPositions(args).forEach { keyAt(it) } }) { args ->
            if ((args.size - 1) % 2 != 0) throw CommandError("ERR wrong number of arguments for 'keys_pos' command")
            reply(keyPositions(args).map { args[it] })
        }
    }
}
