package io.valkeyjvm.examples.rustinfobuilder

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's info_handler_builder example (valkeymodule-rs,
 * examples/info_handler_builder.rs): an INFO section with a field and a dictionary, built each
 * time INFO asks. `INFO info_handler_builder` shows
 *
 * ```
 * # info_handler_builder_info
 * info_handler_builder_field:value
 * info_handler_builder_dictionary:key=value
 * ```
 *
 * The Rust builder's `add_section`/`field`/`add_dictionary`/`build_*` chain is the nesting of
 * `section { }` and `dict { }` here; the server skips a section INFO did not ask for.
 */
val infoHandlerBuilder = valkeyModule("info_handler_builder") {
    info {
        section("info") {
            field("field", "value")
            dict("dictionary") { field("key", "value") }
        }
    }
}
