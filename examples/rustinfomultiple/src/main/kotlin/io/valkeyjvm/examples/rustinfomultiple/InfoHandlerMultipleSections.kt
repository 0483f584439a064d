package io.valkeyjvm.examples.rustinfomultiple

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's info_handler_multiple_sections example (valkeymodule-rs,
 * examples/info_handler_multiple_sections.rs): two INFO sections, which INFO can ask for one at a
 * time: `INFO info_handler_multiple_sections_InfoSection2` shows `info_handler_multiple_sections_field_2:value2`
 * and nothing of the first.
 *
 * The Rust sections are structs with `#[derive(InfoSection)]`, named after the struct and its
 * fields; here they are written out (rustinfostruct shows a class turned into a section).
 */
val infoHandlerMultipleSections = valkeyModule("info_handler_multiple_sections") {
    info {
        section("InfoSection1") { field("field_1", "value1") }
        section("InfoSection2") { field("field_2", "value2") }
    }
}
