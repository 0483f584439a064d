package io.valkeyjvm.it

import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.KeySpecFlag.ACCESS
import io.valkeyjvm.dsl.valkeyModule

/** The "metabad" module: a key spec with no access flag, refused as the module is declared. */
val metadataBadFixture = valkeyModule("metabad") {
    commands {
        command("metabad.get", arity = 2, keySpecs = listOf(KeySpec.index(1).flags(ACCESS))) { replyOk() }
    }
}
