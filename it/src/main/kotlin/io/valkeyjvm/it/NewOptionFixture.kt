package io.valkeyjvm.it

import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.dsl.valkeyModule

/** A module with an option that only Valkey 8.1 and later have: its load fails on older servers. */
val newOptionFixture = valkeyModule("optnew") {
    options(ModuleOption.SKIP_COMMAND_VALIDATION)
}
