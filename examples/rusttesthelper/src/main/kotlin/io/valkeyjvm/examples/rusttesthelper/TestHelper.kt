package io.valkeyjvm.examples.rusttesthelper

import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerVersion
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's test_helper example (valkeymodule-rs, examples/test_helper.rs):
 * the server's version two ways, the running command's name, an error with the caller's text,
 * and an INFO section `test_helper` with `test_helper_field:value`.
 */
val testHelper = valkeyModule("test_helper") {
    info {
        section("test_helper") { field("field", "value") }
    }
    commands {
        command("test_helper.version") { replyVersion(Server.version()) }

        // The Rust SDK's fallback for servers without GetServerVersion: redis_version from INFO SERVER.
        command("test_helper._version_rm_call") {
            val info = context.serverInfo("server")
            val text = info.text("redis_version") ?: throw CommandError("ERR redis_version is missing from INFO SERVER")
            val parts = text.split('.').map { it.toIntOrNull() ?: throw CommandError("ERR unexpected redis_version '$text'") }
            if (parts.size != 3) throw CommandError("ERR unexpected redis_version '$text'")
            replyVersion(ServerVersion(parts[0], parts[1], parts[2]))
        }

        command("test_helper.name") { reply(context.fullCommandName()) }

        command("test_helper.err") { args ->
            if (args.size < 2) throw CommandError("ERR wrong number of arguments for '${commandName.toText().lowercase()}' command")
            throw ValkeyException.verbatim(args[1].toText())
        }
    }
}

private fun CommandScope.replyVersion(version: ServerVersion) {
    replyArray(3)
    reply(version.major.toLong())
    reply(version.minor.toLong())
    reply(version.patch.toLong())
}
