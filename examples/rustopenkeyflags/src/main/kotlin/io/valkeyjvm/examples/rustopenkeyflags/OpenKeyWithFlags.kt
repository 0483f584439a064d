package io.valkeyjvm.examples.rustopenkeyflags

import io.valkeyjvm.core.KeyOpenFlag
import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.KeySpecFlag.ACCESS
import io.valkeyjvm.core.KeySpecFlag.RO
import io.valkeyjvm.core.KeySpecFlag.RW
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's open_key_with_flags example (valkeymodule-rs,
 * examples/open_key_with_flags.rs): OPEN_KEY_WITH_FLAGS.READ and .WRITE open their key with
 * NOEFFECTS (no expiry, no keyspace event, no stats, no LRU/LFU touch) for reading or for writing
 * and reply OK: a key whose time has passed is not expired by them.
 */
val openKeyWithFlags = valkeyModule("open_key_with_flags") {
    commands {
        command("open_key_with_flags.read", arity = 2, flags = "write deny-oom",
            keySpecs = listOf(KeySpec.index(1).range(1, 1, 1).flags(RO, ACCESS))) { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for '${args[0].toText()}' command")
            openKey(args[1], KeyOpenFlag.NO_EFFECTS).close()
            replySimple("OK")
        }
        command("open_key_with_flags.write", arity = 2, flags = "write deny-oom",
            keySpecs = listOf(KeySpec.index(1).range(1, 1, 1).flags(RW, ACCESS))) { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for '${args[0].toText()}' command")
            openKeyForWrite(args[1], KeyOpenFlag.NO_EFFECTS).close()
            replySimple("OK")
        }
    }
}
