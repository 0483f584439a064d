package io.valkeyjvm.dsl

import io.valkeyjvm.core.AclUser
import io.valkeyjvm.core.KeyPosition
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.ValkeyString

/**
 * The running command's full name as registered: `container|sub` for a subcommand.
 */
public val CommandScope.fullCommandName: String get() = context.fullCommandName()

/**
 * The keys of the command call [args] (a command name, then its arguments) and how it uses them,
 * as COMMAND GETKEYSANDFLAGS finds them. Throws a `CallRefusedException` for an unknown command
 * or a wrong number of arguments.
 */
public fun CommandScope.commandKeys(args: List<ValkeyString>): List<KeyPosition> = context.commandKeys(args)

/**
 * Runs [block] with the ACL user [name] ([AclUser]: may it run a command, use a key, a key
 * prefix, a channel; ACL LOG entries for it), released afterwards. Throws a [CommandError] if
 * there is no such user.
 *
 * ```kotlin
 * val allowed = withAclUser(userName ?: fail("no user")) { canAccessKey(key, setOf(KeyPermission.ACCESS)) }
 * ```
 */
public inline fun <T> CommandScope.withAclUser(name: ValkeyString, block: AclUser.() -> T): T =
    context.aclUser(name).use { it.block() }

/** As [withAclUser] with an ACL user's name, for the module user [user]. */
public inline fun <T> CommandScope.withAclUser(user: ModuleUser, block: AclUser.() -> T): T =
    context.aclUser(user).use { it.block() }
