package io.valkeyjvm.examples.rustctxflags

import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's ctx_flags example (valkeymodule-rs, examples/ctx_flags.rs):
 * MY_ROLE answers `master` or `slave` from the context flags, as a simple string.
 */
val ctxFlags = valkeyModule("ctx_flags") {
    commands {
        command("my_role", flags = "readonly") {
            replySimple(if (ContextFlag.PRIMARY in context.contextFlags()) "master" else "slave")
        }
    }
}
