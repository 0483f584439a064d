package io.valkeyjvm.conformance.moduleparameter

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/moduleparameter.c: TESTMODULEPARAMETER.UPDATE.PARAMETER arg...
 * makes its arguments the module's load arguments, as MODULE LIST shows them (Valkey 8.1+).
 */
val moduleparameter = valkeyModule("moduleparameter") {
    commands {
        command("testmoduleparameter.update.parameter", flags = "fast") { args ->
            updateLoadArguments(args.drop(1))
            replySimple("OK")
        }
    }
}
