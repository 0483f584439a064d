package io.valkeyjvm.dsl

import io.valkeyjvm.core.AclUser
import io.valkeyjvm.core.ChannelFlag
import io.valkeyjvm.core.ChannelPositions
import io.valkeyjvm.core.KeyPosition
import io.valkeyjvm.core.KeyPositions
import io.valkeyjvm.core.KeySpecFlag
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.ValkeyString
import java.util.EnumSet

/** In `getKeys`: the argument at [position] is a key used as [flags] say (`keyAt(1, RO, ACCESS)`). */
public fun KeyPositions.keyAt(position: Int, first: KeySpecFlag, vararg rest: KeySpecFlag): Unit =
    keyAt(position, EnumSet.of(first, *rest))

/** In `getChannels`: the argument at [position] is a channel used as [flags] say (`channelAt(1, SUBSCRIBE, PATTERN)`). */
public fun ChannelPositions.channelAt(position: Int, first: ChannelFlag, vararg rest: ChannelFlag): Unit =
    channelAt(position, EnumSet.of(first, *rest))

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
