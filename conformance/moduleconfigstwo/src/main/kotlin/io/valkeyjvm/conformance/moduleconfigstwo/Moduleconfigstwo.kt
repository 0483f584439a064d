package io.valkeyjvm.conformance.moduleconfigstwo

import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/moduleconfigstwo.c: a second module with configs, named
 * "configs", with one bool config, configs.test (yes by default), so that the unit can check that
 * two modules' configs do not interfere.
 */
val moduleconfigstwo = valkeyModule("configs") {
    configs {
        bool("test", default = true)
    }
}
