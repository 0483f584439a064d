package io.valkeyjvm.dsl

import io.valkeyjvm.core.ModuleDefinition
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract

/**
 * Declares a module. The result is an immutable [ModuleDefinition]; nothing is registered until
 * the server loads the module. Declare it as a top-level `val` in one Kotlin file and name that
 * file's class in the pom's `valkey.module.class` (for `Hello.kt` in package `p`: `p.HelloKt`).
 *
 * ```kotlin
 * val hello = valkeyModule("hello") {
 *     version = 1
 *     commands {
 *         command("hello.echo", arity = 2, flags = "readonly fast") { args -> reply(args[1]) }
 *     }
 * }
 * ```
 *
 * @throws IllegalArgumentException naming the command or setting that is not valid
 */
@OptIn(ExperimentalContracts::class)
public fun valkeyModule(name: String, block: ModuleScope.() -> Unit): ModuleDefinition {
    contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
    val scope = ModuleScope(name)
    scope.block()
    return scope.build()
}
