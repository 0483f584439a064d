package io.valkeyjvm.dsl

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.ClientInfo
import io.valkeyjvm.core.CommandContext
import io.valkeyjvm.core.CommandFilterRegistration
import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.core.FilteredCommand
import io.valkeyjvm.core.Key
import io.valkeyjvm.core.KeyOpenFlag
import io.valkeyjvm.core.KeyPermission
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventContext
import io.valkeyjvm.core.ServerEventHandler
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ServerEventRegistration
import io.valkeyjvm.core.UserChangeListener
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString

/** An error reply to throw from a command: `throw CommandError("ERR invalid count")`. */
public typealias CommandError = ValkeyException

/**
 * The receiver of a command's handler: every reply of [Replies], plus what the command may ask
 * of the server. Valid only while the handler runs.
 */
@ValkeyDsl
public class CommandScope internal constructor(
    /** The underlying core context, for Java-style calls. */
    public val context: CommandContext,
) : Replies by context {
    /** The number of the database the client has selected. */
    public val selectedDb: Int get() = context.selectedDb()

    /**
     * Selects database [db] for this command and its client, which stays on it afterwards as
     * after SELECT (see [io.valkeyjvm.core.ServerAccess.selectDb]).
     */
    public fun selectDb(db: Int): Unit = context.selectDb(db)

    /** True if [name] exists in the selected database (no hit or miss is counted). */
    public fun keyExists(name: ValkeyString): Boolean = context.keyExists(name)

    /** The number of keys in the selected database. */
    public val dbSize: Long get() = context.dbSize()

    /** A random key of the selected database, or null if it is empty. */
    public fun randomKey(): ValkeyString? = context.randomKey()

    /** The command name as the client sent it. */
    public val commandName: ValkeyString get() = context.commandName()

    /** An integer reply. */
    public fun reply(value: Int): Unit = context.reply(value.toLong())

    /** Opens the key [name] for reading; keys still open when the command returns are closed then. */
    public fun openKey(name: ValkeyString): Key = context.openKey(name)

    /** Opens the key [name] for reading and writing. */
    public fun openKeyForWrite(name: ValkeyString): Key = context.openKeyForWrite(name)

    /** Opens the key [name] for reading, the way [flags] say (`KeyOpenFlag.NO_TOUCH`, `NO_EFFECTS`...). */
    public fun openKey(name: ValkeyString, vararg flags: KeyOpenFlag): Key = context.openKey(name, flags.toSet())

    /** Opens the key [name] for reading and writing, the way [flags] say. */
    public fun openKeyForWrite(name: ValkeyString, vararg flags: KeyOpenFlag): Key = context.openKeyForWrite(name, flags.toSet())

    /**
     * Runs a command and returns its reply (see [io.valkeyjvm.core.ServerAccess.call]): read it
     * with `asLong()`, `asString()`, `asList()`..., or pass it on with `reply(value)`. Its writes
     * replicate, unless [flags] say otherwise (`call("INCR", key, flags = setOf(CallFlag.NOT_PROPAGATED))`).
     * Throws [CommandError] with the server's error line.
     */
    public fun call(command: String, vararg args: Any, flags: Set<CallFlag> = emptySet()): ReplyValue =
        if (flags.isEmpty()) context.call(command, *args) else context.call(flags, command, *args)

    /**
     * Runs a command that may block, as BLPOP does (see [io.valkeyjvm.core.ServerAccess.callBlocking]):
     * the future has the reply at once, or on the main thread once the command replies.
     */
    public fun callBlocking(command: String, vararg args: Any, flags: Set<CallFlag> = emptySet()): java.util.concurrent.CompletableFuture<ReplyValue> =
        context.callBlocking(flags, command, *args)

    /**
     * Runs a command as the module user [user] (see [io.valkeyjvm.core.ServerAccess.callAs]): its
     * ACL rules decide, a denial throws a [io.valkeyjvm.core.CallRefusedException] with the
     * server's NOPERM line and is logged in ACL LOG under the user's name.
     * `callAs(reader, "GET", key)`.
     */
    public fun callAs(user: ModuleUser, command: String, vararg args: Any, flags: Set<CallFlag> = emptySet()): ReplyValue =
        context.callAs(user, flags, command, *args)

    /**
     * Propagates [command] with [args] to replicas and the AOF, after this command's own effects
     * and in the same transaction (ValkeyModule_Replicate).
     */
    public fun replicate(command: String, vararg args: Any): Unit = context.replicate(command, *args)

    /** What is true of the server and this client: primary or replica, in MULTI or a script, loading... */
    public val contextFlags: Set<ContextFlag> get() = context.contextFlags()

    /** Signals [key] as modified (see [io.valkeyjvm.core.ModuleOption.NO_IMPLICIT_SIGNAL_MODIFIED]). */
    public fun signalModifiedKey(key: ValkeyString): Unit = context.signalModifiedKey(key)

    /**
     * Lets the server breathe during a long command: background work, and, with [busyReply],
     * other clients (they get `-BUSY busyReply` past `busy-reply-threshold`). Call it every few
     * milliseconds. In a coroutine on [ValkeyDispatchers.Main], `kotlinx.coroutines.yield()`
     * gives the whole event loop a turn instead.
     */
    public fun yieldToServer(busyReply: String? = null): Unit = context.yieldToServer(busyReply)

    /** Propagates this command, as the client sent it, to replicas and the AOF. */
    public fun replicateVerbatim(): Unit = context.replicateVerbatim()

    /** Emits a keyspace notification of class [type] (usually [KeyspaceEventType.MODULE]) for [key]. */
    public fun notifyKeyspaceEvent(type: KeyspaceEventType, event: String, key: ValkeyString): Unit =
        context.notifyKeyspaceEvent(type, event, key)

    /**
     * Throws the server's wrong-arity error for this command (`ERR wrong number of arguments for
     * 'name' command`) unless [ok]: for a command that checks its own argument count, as a C
     * module does with ValkeyModule_WrongArity, instead of declaring an arity.
     */
    public fun requireArity(ok: Boolean) {
        if (!ok) throw CommandError("ERR wrong number of arguments for '${commandName.toText().lowercase()}' command")
    }

    /** Publishes [message] on [channel] (PUBLISH); returns how many clients received it. */
    public fun publish(channel: ValkeyString, message: ValkeyString): Long = context.publish(channel, message)

    /** Publishes [message] on the shard channel [channel] (SPUBLISH); returns how many clients received it. */
    public fun publishToShard(channel: ValkeyString, message: ValkeyString): Long = context.publishToShard(channel, message)

    /** Registers a command filter now, until [CommandFilterRegistration.unregister] or the module's unload. */
    public fun registerCommandFilter(noSelf: Boolean = false, filter: (FilteredCommand) -> Unit): CommandFilterRegistration =
        context.registerCommandFilter({ filter(it) }, noSelf)

    /**
     * Subscribes [handler] to server events of [kind] from now on, until
     * [ServerEventRegistration.unsubscribe] or the module's unload: for events wanted only for a
     * while (a module that always listens declares them in `events { on(kind) { } }`).
     */
    public fun <E : ServerEvent> subscribe(kind: ServerEventKind<E>, handler: ServerEventContext.(event: E) -> Unit): ServerEventRegistration =
        context.subscribe(kind, ServerEventHandler { server, event -> server.handler(event) })

    /** Wakes clients blocked on [key]. */
    public fun signalKeyAsReady(key: ValkeyString): Unit = context.signalKeyAsReady(key)

    /**
     * Replaces the module's load arguments (what MODULE LIST shows, and what CONFIG REWRITE writes
     * on its `loadmodule` line) with [args]; the loader's own stay in front. Valkey 8.1 or later.
     */
    public fun updateLoadArguments(args: List<ValkeyString>): Unit = context.updateLoadArguments(args)

    /** Writes [message] to the server log at [level]. */
    public fun log(message: String, level: LogLevel = LogLevel.NOTICE): Unit = context.log(level, message)

    /** The id of the command's client (CLIENT ID); 0 when no client runs it (the AOF, the primary's stream). */
    public val clientId: Long get() = context.clientId()

    /**
     * The ACL user the command's client is authenticated as (`default` until it authenticates);
     * null when no client of the server's own runs the command (a call from a module or a script,
     * the AOF, the primary's stream).
     */
    public val userName: ValkeyString? get() = context.userName()

    /**
     * Authenticates the command's client as the module user [user] from now on; returns its id.
     * [onUserChange], if given, is told (on the main thread, with the client's id) once the client
     * stops being that user: another AUTH, `CLIENT RESET`, a revocation, a disconnection. Throws
     * a [CommandError] saying why if the server refuses (the user is off or closed).
     */
    public fun authenticateClient(user: ModuleUser, onUserChange: ((clientId: Long) -> Unit)? = null): Long =
        context.authenticateClient(user, onUserChange?.let { UserChangeListener(it) })

    /** Like [authenticateClient], as the ACL user [name]; throws a [CommandError] if there is no such user, or it is off. */
    public fun authenticateClientAsAclUser(name: String, onUserChange: ((clientId: Long) -> Unit)? = null): Long =
        context.authenticateClientAsAclUser(name, onUserChange?.let { UserChangeListener(it) })

    /**
     * True if the ACL user [user] may use [key] in every way [permissions] name (by default all:
     * read, insert, delete, update), as its key patterns say (whether the user is on does not
     * count). Throws a [CommandError] if there is no such user.
     */
    public fun aclUserCanAccessKey(user: ValkeyString, key: ValkeyString, permissions: Set<KeyPermission> = KeyPermission.ALL): Boolean =
        context.aclUserCanAccessKey(user, key, permissions)

    /**
     * Revokes the authentication of client [clientId] and closes it once its pending replies are
     * written; false if there is no such client.
     */
    public fun deauthenticateAndCloseClient(clientId: Long): Boolean = context.deauthenticateAndCloseClient(clientId)

    /** Client [clientId]'s address, port, database and flags (this client's by default); null if there is no such client. */
    public fun clientInfo(clientId: Long = this.clientId): ClientInfo? = context.clientInfo(clientId)

    /** Client [clientId]'s name (CLIENT SETNAME; this client's by default); null if it has none or there is no such client. */
    public fun clientName(clientId: Long = this.clientId): ValkeyString? = context.clientName(clientId)

    /** Names client [clientId] (this client by default) as CLIENT SETNAME does; false if there is no such client. */
    public fun setClientName(name: ValkeyString, clientId: Long = this.clientId): Boolean = context.setClientName(clientId, name)

    /** The ACL user client [clientId] is authenticated as; null if there is no such client. */
    public fun clientUserName(clientId: Long): ValkeyString? = context.clientUserName(clientId)

    /** The TLS certificate (PEM) client [clientId] (this client by default) presented; null without one. */
    public fun clientCertificate(clientId: Long = this.clientId): ValkeyString? = context.clientCertificate(clientId)

    /** Shows argument [index] (1 or more) as `(redacted)` in SLOWLOG, MONITOR and the server log: for secrets. */
    public fun redactArgument(index: Int): Unit = context.redactArgument(index)

    /** Fails the command with an error reply (see [CommandError]). */
    public fun fail(message: String): Nothing = throw CommandError(message)
}
