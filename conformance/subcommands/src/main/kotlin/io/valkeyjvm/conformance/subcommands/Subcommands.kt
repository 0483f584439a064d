package io.valkeyjvm.conformance.subcommands

import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.KeySpecFlag.ACCESS
import io.valkeyjvm.core.KeySpecFlag.RO
import io.valkeyjvm.core.KeySpecFlag.RW
import io.valkeyjvm.core.KeySpecFlag.UPDATE
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.fullCommandName
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/subcommands.c (module "subcommands"): the container command
 * subcommands.bitarray with subcommands set and get (each with a key spec), and commands that
 * reply their full name as registered. The C module's OnLoad also checks that the server refuses
 * names with special characters, a subcommand twice and a sub-subcommand; the SDK refuses those
 * declarations itself (DefinitionValidationSpec), so the port has nothing to try there.
 */
val subcommands = valkeyModule("subcommands") {
    commands {
        containerCommand("subcommands.bitarray") {
            subcommand("set", keySpecs = listOf(KeySpec.index(1).range(0, 1, 0).flags(RW, UPDATE))) { replySimple("OK") }
            subcommand("get", keySpecs = listOf(KeySpec.index(1).range(0, 1, 0).flags(RO, ACCESS))) { args ->
                // The server's own WrongArity error, which names the subcommand by its full name.
                if (args.size > 4) throw CommandError("ERR wrong number of arguments for '$fullCommandName' command")
                replySimple("OK")
            }
        }
        command("subcommands.parent_get_fullname") { replySimple(fullCommandName) }
        containerCommand("subcommands.sub") {
            subcommand("get_fullname") { replySimple(fullCommandName) }
        }
    }
}
