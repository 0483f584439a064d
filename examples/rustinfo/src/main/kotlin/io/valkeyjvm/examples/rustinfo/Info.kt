package io.valkeyjvm.examples.rustinfo

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's info example (valkeymodule-rs, examples/info.rs): INFOEX reads
 * one field of the server's own INFO, the way a module reads it (GetServerInfo), not by parsing
 * the text INFO replies.
 */
val infoModule = valkeyModule("info") {
    commands {
        // INFOEX <section> <field>: the field's value as a bulk string, or null if the section has
        // no such field. Like the Rust command, it needs both and ignores anything after them.
        command("infoex", arity = -3) { args ->
            val value = context.serverInfo(args[1].toText()).text(args[2].toText())
            if (value == null) replyNull() else reply(value)
        }
    }
}
