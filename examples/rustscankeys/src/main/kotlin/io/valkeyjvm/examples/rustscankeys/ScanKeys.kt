package io.valkeyjvm.examples.rustscankeys

import io.valkeyjvm.dsl.keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's examples/scan_keys.rs, module "scan": SCAN_KEYS replies the
 * name of every key of the selected database, scanned with a cursor.
 */
val scanKeys = valkeyModule("scan") {
    version = 1
    commands {
        command("scan_keys", flags = "readonly") { reply(keys().toList()) }
    }
}
