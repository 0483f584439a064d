package io.valkeyjvm.it

import io.valkeyjvm.core.Config
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.unsignedValue
import io.valkeyjvm.dsl.valkeyModule

/**
 * Module "cfgu": unsigned 64-bit number configs, which need Valkey 9.1 (on older servers its load
 * fails). Load arguments set its configs. Loaded through a copy of the fixture jar that names
 * this file.
 */
private lateinit var big: Config<Long>
private lateinit var cache: Config<Long>

val unsignedConfigFixture = valkeyModule("cfgu") {
    configs {
        fromLoadArguments = true
        big = unsignedNumber("big", default = ULong.MAX_VALUE - 1u, range = 10uL..ULong.MAX_VALUE - 1u)
        cache = unsignedNumber("cache", default = 1uL shl 20, memory = true)
    }
    commands {
        // The values as the module reads them, unsigned.
        command("cfgu.values", arity = 1) { reply(listOf(big.unsignedValue.toString().toReply(), cache.unsignedValue.toString().toReply()).toReply()) }
        // The module sets its own config: checked like CONFIG SET, unsigned.
        command("cfgu.setbig", arity = 2) { args ->
            big.set(args[1].toText().toULong().toLong())
            replyOk()
        }
    }
}
