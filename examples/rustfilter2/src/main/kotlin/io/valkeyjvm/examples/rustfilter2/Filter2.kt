package io.valkeyjvm.examples.rustfilter2

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.AuthCallbackScope
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's filter2 example (valkeymodule-rs, examples/filter2.rs): a
 * command filter that knows which user runs each command. A filter gets nothing but the command
 * and its client's id, so the module keeps a map from client ids to user names: client events add
 * and remove clients (as `default`, the user of a new connection), and an auth callback records
 * the user a client authenticates as.
 *
 * As in the Rust example, the auth callback authenticates any ACL user that exists and is on,
 * whatever the password: it shows the mechanism, not a policy to copy. Other names pass on to the
 * server's own passwords.
 *
 * Its filters may share their names with filter1's (rustfilter1): the two modules load together.
 * Where the Rust filter does nothing with the user name, this one logs it at debug level, so
 * that the map can be seen at work.
 */
// Client events, auth callbacks and filters all run on the main thread: a plain map will do.
private val usernames = HashMap<Long, String>()

private val FLAGS = ReplyValue.of("flags")

/** True if [name] is an ACL user that is on, one the server would let a client authenticate as. */
private fun AuthCallbackScope.isActiveAclUser(name: ValkeyString): Boolean {
    val user = call("ACL", "GETUSER", name).orNull() ?: return false
    return user.asMap()[FLAGS]?.asList().orEmpty().any { it.asText() == "on" }
}

val filter2 = valkeyModule("filter2") {
    events {
        on(ServerEventKind.CLIENT_CHANGE) { event ->
            if (event.connected) usernames[event.client.id] = "default" else usernames.remove(event.client.id)
        }
    }

    auth {
        callback { username, _ ->
            if (!isActiveAclUser(username)) return@callback notHandled()
            usernames[clientId] = username.toText()
            allowAclUser(username)
        }
    }

    commandFilter(noSelf = true) { command ->
        val username = usernames[command.clientId()] ?: "default"
        Server.log(LogLevel.DEBUG, "client ${command.clientId()} runs ${command.arg(0)} as $username")
    }
    commandFilter(noSelf = true) { }
}
