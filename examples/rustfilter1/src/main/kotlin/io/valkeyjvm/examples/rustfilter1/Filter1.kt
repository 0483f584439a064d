package io.valkeyjvm.examples.rustfilter1

import io.valkeyjvm.core.CommandFilterRegistration
import io.valkeyjvm.core.FilteredCommand
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's filter1 example (valkeymodule-rs, examples/filter1.rs): command
 * filters, which see every command before it runs and may rewrite its arguments.
 *
 * - `INFO` without arguments becomes `INFO2`, the module's own command, which replies the bulk
 *   string `"info2\n"`. This filter is registered in `onLoad` and unregistered in `onUnload`, as
 *   the Rust example does in its init and deinit.
 * - `SET <key> <value>` (exactly that, no options) becomes `SET new_key new_value`.
 * - Two filters that do nothing: a module may have several.
 *
 * The other three are declared with `commandFilter`, the way the Rust example recommends
 * (its `filters:` list). All four skip the module's own calls (NOSELF). Arguments are compared
 * as bytes, so a command that is not UTF-8 passes untouched where the Rust filters would panic.
 */
private var infoFilter: CommandFilterRegistration? = null

private val INFO2 = ValkeyString.of("info2")
private val NEW_KEY = ValkeyString.of("new_key")
private val NEW_VALUE = ValkeyString.of("new_value")

private fun rewriteInfo(command: FilteredCommand) {
    // Every command passes here: the cheap checks first.
    if (command.argCount() != 1 || !command.arg(0).equalsIgnoreCase("info")) return
    Server.log(LogLevel.NOTICE, "info filter for client_id ${command.clientId()}")
    command.replace(0, INFO2)
}

private fun rewriteSet(command: FilteredCommand) {
    if (command.argCount() != 3 || !command.arg(0).equalsIgnoreCase("set")) return
    val key = command.arg(1)
    val value = command.arg(2)
    Server.log(LogLevel.NOTICE, "all_args: [\"$key\", \"$value\"]")
    Server.log(LogLevel.NOTICE, "set key: $key, value $value")
    command.delete(1)
    command.insert(1, NEW_KEY)
    command.replace(2, NEW_VALUE)
}

val filter1 = valkeyModule("filter1") {
    onLoad { infoFilter = registerCommandFilter(noSelf = true, filter = ::rewriteInfo) }
    onUnload {
        infoFilter?.unregister()
        infoFilter = null
    }

    commandFilter(noSelf = true, filter = ::rewriteSet)
    commandFilter(noSelf = true) { }
    commandFilter(noSelf = true) { }

    commands {
        // INFO2, what INFO becomes: something other than the server's INFO.
        command("info2", flags = "readonly") {
            log("info2 command")
            reply("info2\n")
        }
    }
}
