package io.valkeyjvm.examples.rustacl

import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's acl example (valkeymodule-rs, examples/acl.rs): a module and
 * the server's ACLs.
 *
 * - `VERIFY_KEY_ACCESS_FOR_USER <user> <key>`: `OK` if the ACL user's key patterns allow every
 *   use of the key (read, insert, delete, update), else `Err User does not have permissions on
 *   key`; `Err User does not exists or disabled` for a user the server does not know.
 * - `GET_CURRENT_USER`: the user the client is authenticated as (`default` until it authenticates).
 * - `CUSTOM_CATEGORY`, `CUSTOM_CATEGORIES`, `EXISTING_CATEGORIES`: `OK`, and nothing else; they
 *   are there for their ACL categories. The module adds `custom_acl_one` and `custom_acl_two` to
 *   the server's categories and puts its commands in them, or in the server's own
 *   (`read fast admin`), so that `+@custom_acl_one` grants them and `COMMAND LIST FILTERBY ACLCAT`
 *   finds them.
 *
 * The errors start with `Err`, as the Rust module's do. The server finds users that are off too, so,
 * as in Rust, such a user is checked by its key patterns despite the message's "or disabled".
 */
val aclModule = valkeyModule("acl") {
    aclCategories("custom_acl_one", "custom_acl_two")
    commands {
        command("verify_key_access_for_user", arity = -3) { args ->
            val allowed = try {
                aclUserCanAccessKey(user = args[1], key = args[2])
            } catch (unknownUser: CommandError) {
                throw ValkeyException.verbatim("Err User does not exists or disabled")
            }
            if (!allowed) throw ValkeyException.verbatim("Err User does not have permissions on key")
            replyOk()
        }
        command("get_current_user") { userName?.let { reply(it) } ?: replyNull() }
        command("custom_category", flags = "write", aclCategories = "custom_acl_one") { replyOk() }
        command("custom_categories", aclCategories = "custom_acl_one custom_acl_two") { replyOk() }
        command("existing_categories", flags = "write", aclCategories = "read fast admin") { replyOk() }
    }
}
