package io.valkeyjvm.it

import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.dsl.valkeyModule

/** A module subscribed to an event that only Valkey 9.0 and later have: its load fails on older servers. */
val newEventFixture = valkeyModule("evtnew") {
    events { on(ServerEventKind.AUTHENTICATION_ATTEMPT) { } }
}
