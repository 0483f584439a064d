package io.valkeyjvm.examples.rustinfostruct

import io.valkeyjvm.dsl.InfoScope
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's info_handler_struct example (valkeymodule-rs,
 * examples/info_handler_struct.rs): a value whose fields become an INFO section, a map among
 * them becoming a dictionary. `INFO info_handler_struct` shows
 *
 * ```
 * # info_handler_struct_Info
 * info_handler_struct_field:value
 * info_handler_struct_dictionary:key=value
 * ```
 *
 * Rust derives the section from the struct (`#[derive(InfoSection)]`); here [section] says how
 * an [Info] is written, in plain code.
 */
data class Info(val field: String, val dictionary: Map<String, String>)

/** Writes [info] as the section `Info`: its text field, then its map as a dictionary. */
fun InfoScope.section(info: Info) {
    section("Info") {
        field("field", info.field)
        dict("dictionary") { info.dictionary.forEach { (key, value) -> field(key, value) } }
    }
}

val infoHandlerStruct = valkeyModule("info_handler_struct") {
    info {
        section(Info(field = "value", dictionary = mapOf("key" to "value")))
    }
}
