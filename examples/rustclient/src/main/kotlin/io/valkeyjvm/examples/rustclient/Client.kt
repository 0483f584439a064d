package io.valkeyjvm.examples.rustclient

import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's client example (valkeymodule-rs, examples/client.rs): the calling
 * client's id, name, ACL user, TLS certificate and address, read through the module API by client
 * id; CLIENT.DEAUTH closes a client by id; CLIENT.CONFIG_GET reads a config. Like the Rust example,
 * each command first tries client id 0, which no client has, and logs what came back.
 */
val clientModule = valkeyModule("client") {
    commands {
        command("client.id") { reply(clientId) }

        command("client.get_name") {
            log("client_id 0 client_name_by_id: ${clientName(0)?.toText().debug()}")
            reply(clientName() ?: throw ValkeyException.verbatim("Client/Client name is null"))
        }

        command("client.set_name") { args ->
            requireArity(args.size == 2)
            log("client_id 0 set_client_name_by_id: ${if (setClientName(args[1], 0)) "Ok" else "Err"}")
            // The Rust example replies its Status: 0 for Ok, 1 for Err.
            reply(if (setClientName(args[1])) 0L else 1L)
        }

        command("client.username") {
            log("client_id 0 client_username_by_id: ${clientUserName(0)?.toText().debug()}")
            reply(clientUserName(clientId) ?: throw ValkeyException.verbatim("Client/Username is null"))
        }

        command("client.cert") {
            reply(clientCertificate() ?: throw ValkeyException.verbatim("Client/Cert is null"))
        }

        // Replies the client info struct's version, as the Rust example does: the SDK asks for version 1.
        command("client.info") {
            log("client_id 0 client_info_by_id: ${clientInfo(0)}")
            val info = clientInfo() ?: throw ValkeyException.verbatim("Client/Info not found")
            log("client_info: $info")
            reply("1")
        }

        command("client.ip") {
            log("client_id 0 client_ip_by_id: ${clientInfo(0)?.address()}")
            reply(clientInfo()?.address() ?: throw ValkeyException.verbatim("Client/Info not found"))
        }

        command("client.deauth") { args ->
            requireArity(args.size == 2)
            val id = args[1].toLongOrNull()?.takeIf { it >= 0 } ?: throw CommandError("ERR value is not an integer or out of range")
            if (!context.deauthenticateAndCloseClient(id)) throw ValkeyException.verbatim("Failed to deauthenticate and close client")
            reply("OK")
        }

        command("client.config_get") { args ->
            requireArity(args.size == 2)
            // One config, one name-value pair; an unknown name or a pattern matching several is not.
            val pairs = (call("CONFIG", "GET", args[1]) as? ReplyValue.Map)?.entries()?.takeIf { it.size == 1 }
                ?: throw ValkeyException.verbatim("Unexpected CONFIG GET response")
            val value = pairs.values.single() as? ReplyValue.BulkString ?: throw ValkeyException.verbatim("Config value is not a string")
            reply(value.value())
        }
    }
}

/** Rust's `{:?}` of an Option<String>, for the log lines. */
private fun String?.debug(): String = if (this == null) "None" else "Some(\"$this\")"
