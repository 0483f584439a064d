package io.valkeyjvm.it

import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.valkeyModule

/**
 * A module without data types (a module with one cannot be unloaded), for the MODULE UNLOAD
 * specs. It ships in the fixture's jar; the specs load it through a copy of the jar whose
 * Valkey-Module-Class names this file.
 */

private var lifecycleArgs: List<ValkeyString> = emptyList()
private var refuseUnload = false

val lifecycle = valkeyModule("lifecycle") {
    commands {
        command("lifecycle.echo", arity = 2) { args -> reply(args[1]) }
        command("lifecycle.args", arity = 1) { reply(lifecycleArgs) }
        command("lifecycle.refuseunload", arity = 1) {
            refuseUnload = true
            replyOk()
        }
    }
    onLoad { args -> lifecycleArgs = args }
    onUnload {
        if (refuseUnload) throw IllegalStateException("a test asked to keep the module loaded")
    }
}
