package io.valkeyjvm.examples.rusthello

import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's examples/hello.rs, module "hello": HELLO.MUL multiplies its
 * integer arguments and replies them followed by their product.
 */
val hello = valkeyModule("hello") {
    version = 1
    commands {
        command("hello.mul") { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for 'hello.mul' command")
            val numbers = args.drop(1).map { it.toLongOrNull() ?: throw ValkeyException.verbatim("Couldn't parse as integer") }
            // 64-bit products wrap around, as the Rust original's do in a release build
            reply((numbers + numbers.fold(1L) { product, n -> product * n }).toReply())
        }
    }
}
