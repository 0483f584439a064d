package io.valkeyjvm.examples.rustpreload

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's preload example (valkeymodule-rs, examples/preload.rs): code
 * that runs first when the module loads, before anything of it is registered, where a module
 * validates the server and its arguments (throwing a `CommandError` refuses the load). This one
 * accepts every load and logs what it checked:
 *
 * ```
 * <preload> preload for server version Version { major: 8, minor: 0, patch: 1 } with args: ["a", "b"]
 * ```
 *
 * The version is written as Rust's `{:?}` writes it; the arguments as text, where the Rust
 * example's `{:?}` of its string handles shows pointers.
 */
val preload = valkeyModule("preload") {
    checkLoad { server, args ->
        val version = "Version { major: ${server.major}, minor: ${server.minor}, patch: ${server.patch} }"
        log("preload for server version $version with args: ${args.joinToString(", ", "[", "]") { "\"$it\"" }}")
    }
}
