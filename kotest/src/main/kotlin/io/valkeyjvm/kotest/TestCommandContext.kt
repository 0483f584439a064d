@file:OptIn(io.valkeyjvm.core.InternalValkeyJvmApi::class)

package io.valkeyjvm.kotest

import io.valkeyjvm.core.BlockedClient
import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CommandContext
import io.valkeyjvm.core.CommandFilter
import io.valkeyjvm.core.CommandFilterRegistration
import io.valkeyjvm.core.ContextFlag
import io.valkeyjvm.core.Key
import io.valkeyjvm.core.KeyOpenFlag
import io.valkeyjvm.core.KeyPermission
import io.valkeyjvm.core.KeyReadyHandler
import io.valkeyjvm.core.KeySignalListener
import io.valkeyjvm.core.KeyWatchingClient
import io.valkeyjvm.core.KeyspaceEventType
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleUser
import io.valkeyjvm.core.PostponedLength
import io.valkeyjvm.core.Replies
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventHandler
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ServerEventRegistration
import io.valkeyjvm.core.ServerInfo
import io.valkeyjvm.core.UserChangeListener
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.core.internal.ErrorReplies
import java.math.BigInteger
import java.util.function.Consumer

/**
 * What answers a command's `call`s in a [TestCommandContext]: the command and its arguments as
 * text, to its reply (`ReplyValue.of(42)`, `ReplyValue.error("ERR no such key")`, ...). An error
 * reply throws from `call`, as it does in a server.
 */
public typealias TestCalls = (command: String, args: List<String>) -> ReplyValue

/** The default [TestCalls]: a test that gives none answers no call, and says how to give one. */
public val NO_CALLS: TestCalls = { command, _ ->
    throw UnsupportedOperationException("this test answers no call; give it one: calls = { command, args -> ... } ($command)")
}

/** An error reply a command wrote (or threw) in a [TestCommandContext]: the whole error line. */
public data class TestErrorReply(val line: String)

/**
 * A command context with no server behind it, for fast unit specs of command handlers: it records
 * the reply, decoded as [ValkeyServer.call] decodes replies (bulk and simple strings as `String`,
 * integers as `Long`, arrays as `List`, maps as `Map`, sets as `Set`, null, and an error as a
 * [TestErrorReply]), and answers `call`s from [calls]. Keys and blocking need a live server: they
 * throw [UnsupportedOperationException] here (use [valkeyServer] for those).
 *
 * Usually reached through [ModuleDefinition.testCall][testCall] and [testErrorReply].
 */
public class TestCommandContext(
    private val moduleName: String,
    private val commandName: ValkeyString,
    private val calls: TestCalls = NO_CALLS,
    private val db: Int = 0,
) : CommandContext {
    private class Open(val kind: String, var remaining: Long, val elements: MutableList<Any?> = mutableListOf())

    private val open = ArrayDeque<Open>()
    private var written = false
    private var result: Any? = null

    /** The lines the command logged, with their level. */
    public val logged: MutableList<Pair<LogLevel, String>> = mutableListOf()

    /** True if the command asked for its own call to be replicated as is. */
    public var replicatedVerbatim: Boolean = false
        private set

    /** True once one whole reply has been written. */
    public val replied: Boolean get() = written && open.isEmpty()

    /** The reply, decoded; null for a null reply. Fails if the command has not written a whole one. */
    public fun reply(): Any? {
        check(replied) { "the command ${commandName.toText()} has not written a whole reply" + if (open.isEmpty()) "" else " (an ${open.first().kind} is open)" }
        return result
    }

    /** Ends the command with [line] in place of whatever it had written (a throw half-way). */
    internal fun fail(line: String) {
        open.clear()
        written = true
        result = TestErrorReply(line)
    }

    private fun element(value: Any?) {
        check(!replied) { "the command has already replied; a command sends exactly one reply" }
        written = true
        place(value)
    }

    /** Puts a finished element where it belongs: the reply itself, or the innermost open aggregate. */
    private fun place(value: Any?) {
        val top = open.firstOrNull()
        if (top == null) {
            result = value
            return
        }
        top.elements += value
        if (top.remaining > 0) top.remaining--
        closeFinished()
    }

    private fun closeFinished() {
        while (open.isNotEmpty() && open.first().remaining == 0L) {
            val frame = open.removeFirst()
            // An attribute annotates the element after it, which is the reply; the kit's decoding drops attributes too.
            if (frame.kind == "attribute") written = open.isNotEmpty() else place(finish(frame))
        }
    }

    private fun finish(frame: Open): Any = when (frame.kind) {
        "map" -> frame.elements.chunked(2).associateTo(LinkedHashMap()) { (k, v) -> k to v }
        "set" -> frame.elements.toCollection(LinkedHashSet())
        else -> frame.elements.toList()
    }

    private fun aggregate(kind: String, items: Long, perItem: Int) {
        if (items == 0L) return element(finish(Open(kind, 0)))
        check(!replied) { "the command has already replied; a command sends exactly one reply" }
        written = true
        open.addFirst(Open(kind, items * perItem))
    }

    private fun postponed(kind: String, perItem: Int): PostponedLength {
        check(!replied) { "the command has already replied; a command sends exactly one reply" }
        written = true
        val frame = Open(kind, -1)
        open.addFirst(frame)
        return PostponedLength { length ->
            check(open.firstOrNull() === frame) { "set the innermost postponed length first" }
            check(length * perItem == frame.elements.size.toLong()) { "this $kind has ${frame.elements.size / perItem} written, not $length" }
            frame.remaining = 0
            closeFinished()
        }
    }

    override fun reply(value: Long): Unit = element(value)
    override fun reply(value: Double): Unit = element(value)
    override fun replyLongDouble(value: Double): Unit = element(value)
    override fun reply(value: Boolean): Unit = element(value)
    override fun reply(value: ValkeyString): Unit = element(value.toString())
    override fun reply(value: ByteArray): Unit = element(String(value, Charsets.UTF_8))
    override fun reply(value: String): Unit = element(value)
    override fun replySimple(status: String): Unit = element(status)
    override fun replyOk(): Unit = element("OK")
    override fun replyError(message: String): Unit = element(TestErrorReply(ErrorReplies.format(message)))
    override fun replyErrorLine(line: String): Unit = element(TestErrorReply(line.replace('\r', ' ').replace('\n', ' ').ifEmpty { "ERR" }))
    override fun replyNull(): Unit = element(null)
    override fun replyNullArray(): Unit = element(null)
    override fun replyEmptyArray(): Unit = element(emptyList<Any?>())
    override fun replyEmptyString(): Unit = element("")
    override fun replyArray(length: Long): Unit = aggregate("array", length, 1)
    override fun replyArray(): PostponedLength = postponed("array", 1)
    override fun replyMap(pairs: Long): Unit = aggregate("map", pairs, 2)
    override fun replyMap(): PostponedLength = postponed("map", 2)
    override fun replySet(length: Long): Unit = aggregate("set", length, 1)
    override fun replySet(): PostponedLength = postponed("set", 1)
    override fun replyAttribute(pairs: Long) {
        check(!replied) { "the command has already replied; a command sends exactly one reply" }
        if (pairs > 0) open.addFirst(Open("attribute", pairs * 2))
    }
    override fun replyBigNumber(digits: String): Unit = element(BigInteger(digits))
    override fun replyVerbatim(text: String, format: String): Unit = element(text)

    override fun selectedDb(): Int = db
    override fun commandName(): ValkeyString = commandName
    override fun moduleName(): String = moduleName
    override fun log(level: LogLevel, message: String) {
        logged += level to message
    }

    override fun yieldToServer(busyReply: String?) {}
    override fun replicateVerbatim() {
        replicatedVerbatim = true
    }

    override fun call(command: String, vararg args: Any): ReplyValue =
        calls(command, args.map { argument -> argumentText(argument) }).orThrow()

    /** Answered from the test's calls as any other call; the flags are not simulated. */
    override fun call(flags: Set<CallFlag>, command: String, vararg args: Any): ReplyValue = call(command, *args)

    /** Answered at once from the test's calls, as a command that did not block. */
    override fun callBlocking(flags: Set<CallFlag>, command: String, vararg args: Any): java.util.concurrent.CompletableFuture<ReplyValue> =
        runCatching { call(command, *args) }.fold({ java.util.concurrent.CompletableFuture.completedFuture(it) },
            { java.util.concurrent.CompletableFuture.failedFuture(it) })

    /** Answered from the test's calls as any other call; the user's ACL rules are not simulated. */
    override fun callAs(user: io.valkeyjvm.core.ModuleUser, flags: Set<CallFlag>, command: String, vararg args: Any): ReplyValue =
        call(command, *args)

    /** What the command propagated with `replicate`: each command and its arguments, as text. */
    public val replicated: MutableList<List<String>> = mutableListOf()

    override fun replicate(command: String, vararg args: Any) {
        replicated += listOf(command) + args.map { argumentText(it) }
    }

    /** What `contextFlags` answers; by default a primary outside MULTI and scripts. */
    public var contextFlags: Set<ContextFlag> = setOf(ContextFlag.PRIMARY)

    override fun contextFlags(): Set<ContextFlag> = contextFlags

    /** What `notifyKeyspaceEvents` answers; by default none, the server's default config. */
    public var notifyKeyspaceEvents: Set<KeyspaceEventType> = emptySet()

    override fun notifyKeyspaceEvents(): Set<KeyspaceEventType> = notifyKeyspaceEvents

    override fun signalModifiedKey(key: ValkeyString) {}

    override fun clientInfo(clientId: Long): io.valkeyjvm.core.ClientInfo? = needsServer("clientInfo")
    override fun clientName(clientId: Long): ValkeyString? = needsServer("clientName")
    override fun setClientName(clientId: Long, name: ValkeyString): Boolean = needsServer("setClientName")
    override fun clientUserName(clientId: Long): ValkeyString? = needsServer("clientUserName")
    override fun clientCertificate(clientId: Long): ValkeyString? = needsServer("clientCertificate")
    override fun openKey(name: ValkeyString): Key = needsServer("openKey")
    override fun openKeyForWrite(name: ValkeyString): Key = needsServer("openKeyForWrite")
    override fun openKey(name: ValkeyString, flags: Set<KeyOpenFlag>): Key = needsServer("openKey")
    override fun openKeyForWrite(name: ValkeyString, flags: Set<KeyOpenFlag>): Key = needsServer("openKeyForWrite")
    override fun signalKeyAsReady(key: ValkeyString): Unit = needsServer("signalKeyAsReady")
    override fun keyExists(name: ValkeyString): Boolean = needsServer("keyExists")
    override fun selectDb(db: Int): Unit = needsServer("selectDb")
    override fun dbSize(): Long = needsServer("dbSize")
    override fun randomKey(): ValkeyString? = needsServer("randomKey")

    override fun serverInfo(section: String): ServerInfo = needsServer("serverInfo")
    override fun registerCommandFilter(filter: CommandFilter, noSelf: Boolean): CommandFilterRegistration =
        needsServer("registerCommandFilter")
    override fun <E : ServerEvent> subscribe(kind: ServerEventKind<E>, handler: ServerEventHandler<in E>): ServerEventRegistration =
        needsServer("subscribe")

    /** The load arguments the command last set with `updateLoadArguments`, or null if it set none. */
    public var loadArguments: List<ValkeyString>? = null
        private set

    override fun updateLoadArguments(args: List<ValkeyString>) {
        loadArguments = args.toList()
    }

    /** The keyspace notifications the command emitted: class, event, key. */
    public val notified: MutableList<Triple<KeyspaceEventType, String, ValkeyString>> = mutableListOf()

    override fun notifyKeyspaceEvent(type: KeyspaceEventType, event: String, key: ValkeyString) {
        notified += Triple(type, event, key)
    }

    /** The messages the command published, as (channel, message, to a shard channel); no client receives them here. */
    public val published: MutableList<Triple<ValkeyString, ValkeyString, Boolean>> = mutableListOf()

    override fun publish(channel: ValkeyString, message: ValkeyString): Long {
        published += Triple(channel, message, false)
        return 0
    }

    override fun publishToShard(channel: ValkeyString, message: ValkeyString): Long {
        published += Triple(channel, message, true)
        return 0
    }
    override fun block(timeoutMillis: Long, onTimeout: Consumer<Replies>): BlockedClient = needsServer("blocking a client")
    override fun blockOnKeys(keys: List<ValkeyString>, timeoutMillis: Long, onReady: KeyReadyHandler, onTimeout: Consumer<Replies>,
                             wakeOnDelete: Boolean): Unit = needsServer("blocking a client on keys")
    override fun blockWatchingKeys(keys: List<ValkeyString>, timeoutMillis: Long, onTimeout: Consumer<Replies>, wakeOnDelete: Boolean,
                                   listener: KeySignalListener): KeyWatchingClient = needsServer("blocking a client on keys")

    /** The client id the command sees; 1 unless a test sets another. */
    public var clientId: Long = 1

    override fun clientId(): Long = clientId

    /** The kit's commands come from a client, never from a primary or the AOF. */
    override fun mustObeyClient(): Boolean = false

    /** The ACL user the command sees; `default`, a new connection's, unless a test sets another. */
    public var userName: ValkeyString? = ValkeyString.of("default")

    override fun userName(): ValkeyString? = userName
    override fun authenticateClient(user: ModuleUser, onUserChange: UserChangeListener?): Long = needsServer("authenticating a client")
    override fun authenticateClientAsAclUser(name: String, onUserChange: UserChangeListener?): Long = needsServer("authenticating a client")
    override fun deauthenticateAndCloseClient(clientId: Long): Boolean = needsServer("closing a client")
    override fun aclUserCanAccessKey(user: ValkeyString, key: ValkeyString, permissions: Set<KeyPermission>): Boolean =
        needsServer("checking ACL key permissions")
    override fun aclUser(name: ValkeyString): io.valkeyjvm.core.AclUser = needsServer("checking an ACL user's permissions")
    override fun aclUser(user: ModuleUser): io.valkeyjvm.core.AclUser = needsServer("checking a module user's permissions")
    override fun fullCommandName(): String = commandName.toText()
    override fun commandKeys(args: List<ValkeyString>): List<io.valkeyjvm.core.KeyPosition> = needsServer("finding a command's keys")

    /** The arguments the command redacted. */
    public val redacted: MutableList<Int> = mutableListOf()

    override fun redactArgument(index: Int) {
        redacted += index
    }

    private fun needsServer(what: String): Nothing =
        throw UnsupportedOperationException("$what needs a live server: test this command with valkeyServer(...) instead")

    private companion object {
        fun argumentText(argument: Any): String = when (argument) {
            is ValkeyString -> argument.toString()
            is ByteArray -> String(argument, Charsets.UTF_8)
            else -> argument.toString()
        }
    }
}
