package io.valkeyjvm.examples.rustinfomacro

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's info_handler_macro example (valkeymodule-rs,
 * examples/info_handler_macro.rs): one INFO section with one field, `info_handler_macro_field:value`
 * in section `info_handler_macro_info`.
 *
 * The Rust example shows the `#[info_command_handler]` attribute, which registers a function as
 * the module's INFO handler; here `info { }` is that registration.
 */
val infoHandlerMacro = valkeyModule("info_handler_macro") {
    info {
        section("info") { field("field", "value") }
    }
}
