package io.valkeyjvm.examples.rustloadunload

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's load_unload example (valkeymodule-rs, examples/load_unload.rs):
 * code that runs when the module loads and when it unloads, keeping a piece of global state and
 * logging it at warning level, before and after, in Rust's notation:
 *
 * ```
 * <load_unload> Update global state on LOAD. BEFORE: None, AFTER: Some("Args passed: first, second")
 * <load_unload> Update global state on UNLOAD. BEFORE: Some("Args passed: first, second"), AFTER: None
 * ```
 *
 * `onLoad` gets the module's arguments (`loadmodule .../rustloadunload.so first second`, or
 * `MODULE LOAD` with them). A module loaded again after `MODULE UNLOAD` starts over in a new class
 * loader, so its state is new then anyway; clearing it on unload, as here, matters for what the
 * module holds outside its classes.
 */
private var state: String? = null

/** Rust's `{:?}` for an `Option<String>`: `None`, or `Some("...")` with quotes and backslashes escaped. */
private fun debug(value: String?): String =
    if (value == null) "None" else "Some(\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\")"

val loadUnload = valkeyModule("load_unload") {
    onLoad { args ->
        val before = state
        state = "Args passed: " + args.joinToString(", ")
        log("Update global state on LOAD. BEFORE: ${debug(before)}, AFTER: ${debug(state)}", LogLevel.WARNING)
    }
    onUnload {
        val before = state
        state = null
        log("Update global state on UNLOAD. BEFORE: ${debug(before)}, AFTER: ${debug(state)}", LogLevel.WARNING)
    }
}
