package io.valkeyjvm.it

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CallRefusedException
import io.valkeyjvm.core.CommandContext
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.blockOnKeys
import io.valkeyjvm.dsl.suspending
import io.valkeyjvm.dsl.suspendingOnKeys
import io.valkeyjvm.dsl.timer
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.raw.RawValkeyApi
import io.valkeyjvm.raw.ValkeyModuleApi
import kotlin.time.Duration.Companion.milliseconds
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch

/**
 * A module that misbehaves on purpose, for the loader's and the core's robustness specs, and
 * that sends every kind of reply, for the reply specs.
 */

private var loadArgs: List<ValkeyString> = emptyList()
private var stashedContext: CommandContext? = null
private var stashedArgs: List<ValkeyString>? = null

private fun recurse(depth: Long): Long = recurse(depth + 1) + 1

/** Values of the fixture's data type the server has freed (counted on the main thread). */
private val freedValues = java.util.concurrent.atomic.AtomicLong()

/** A thread that allocates garbage without pause, so forks happen while the heap is under pressure. */
@Volatile private var churn: Thread? = null

private fun startChurn() {
    if (churn != null) return
    churn = Thread({
        val keep = arrayOfNulls<ByteArray>(64)
        var i = 0
        while (!Thread.currentThread().isInterrupted) keep[i++ and 63] = ByteArray(64 * 1024)
    }, "fixture-churn").apply { isDaemon = true; start() }
}

/** The encoding version the fixture's type saves with: FIXTURE_ENCVER lets a spec make a "newer" module. */
private val fixtureEncodingVersion = System.getenv("FIXTURE_ENCVER")?.toInt() ?: 0

/** Module-wide data saved beside the keyspace (aux), and what the last load read back. */
private var auxState = "initial"

/** While set, the fixture type's save code throws, as save code that runs out of memory would. */
@Volatile private var poisonedSaves = false
private val auxLoaded = mutableListOf<String>()

/** Suspending commands whose coroutine saw its cancellation (timeout, disconnect, CLIENT UNBLOCK). */
private val cancelledCoroutines = java.util.concurrent.atomic.AtomicLong()

/** FIXTURE.BPOP's awaitKeys checks that ran. */
private val keyChecks = java.util.concurrent.atomic.AtomicLong()

/** FIXTURE.SLEEP coroutines that started running (one cancelled before it starts never runs at all). */
private val startedCoroutines = java.util.concurrent.atomic.AtomicLong()

/** A value written with every kind of save record, at the edges of each encoding (fixrecs01). */
class RecordKinds(
    val unsigned: List<Long>,
    val signed: List<Long>,
    val doubles: List<Double>,
    val floats: List<Float>,
    val longDoubles: List<Double>,
    val strings: List<ByteArray>,
) {
    /** The value as text: what FIXTURE.RECGET replies and the digest covers. */
    fun describe(): String = listOf(
        unsigned.joinToString(",") { java.lang.Long.toUnsignedString(it) },
        signed.joinToString(","),
        doubles.joinToString(",") { java.lang.Double.doubleToRawLongBits(it).toString(16) },
        floats.joinToString(",") { java.lang.Float.floatToRawIntBits(it).toString(16) },
        longDoubles.joinToString(","),
        strings.joinToString(",") { "${it.size}:${it.contentHashCode()}" },
    ).joinToString(" | ")

    companion object {
        fun edges(seed: Int): RecordKinds = RecordKinds(
            unsigned = listOf(0L, 63, 64, 16383, 16384, 0xFFFF_FFFFL, 0x1_0000_0000L, -1L, seed.toLong()),
            signed = listOf(0L, -1, -64, Long.MIN_VALUE, Long.MAX_VALUE, -seed.toLong()),
            doubles = listOf(0.0, -0.0, 1.5, -1e300, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, seed / 7.0),
            floats = listOf(0f, -2.5f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, seed / 3f),
            longDoubles = listOf(0.0, 1.0 / 3, -12345.678, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, seed * 1e10),
            strings = listOf(0, 1, 63, 64, 16383, 16384, 70_000).map { size -> payload(size, seed + size) } + listOf(ByteArray(256) { it.toByte() }),
        )
    }
}

/** Heap FIXTURE.RETAIN keeps until FIXTURE.RELEASE, in 16 KB arrays (small enough for any GC's young generation). */
private val retained = ArrayList<ByteArray>()
private const val RETAIN_CHUNK_KB = 16

private fun payload(size: Int, seed: Int) = ByteArray(size) { (it * 31 + seed).toByte() }

val fixture = valkeyModule("fixture") {
    version = 7
    val blobType = dataTypes {
        dataType<ByteArray>("fixtype01", encodingVersion = fixtureEncodingVersion) {
            save { bytes ->
                check(!poisonedSaves) { "save poisoned by the test" }
                writeBytes(bytes)
            }
            load { _ -> readBytes() }
            digest { bytes -> add(bytes) }
            free { freedValues.incrementAndGet() }
            copy { bytes -> bytes.clone() }
            auxSave(io.valkeyjvm.core.AuxWhen.BEFORE_KEYSPACE, io.valkeyjvm.core.AuxWhen.AFTER_KEYSPACE) { whenSaved ->
                writeString("${whenSaved.name}:$auxState")
            }
            auxLoad { _, whenSaved ->
                val text = readString().toText()
                if (whenSaved == io.valkeyjvm.core.AuxWhen.BEFORE_KEYSPACE) auxLoaded.clear()
                auxLoaded += text
                auxState = text.substringAfter(':')
            }
        }
    }
    // No aofRewrite: an AOF rewrite writes its values as RESTORE commands.
    val recordsType = dataTypes {
        dataType<RecordKinds>("fixrecs01", encodingVersion = 3) {
            save { value ->
                writeUnsigned(value.unsigned.size.toLong()); value.unsigned.forEach { writeUnsigned(it) }
                writeUnsigned(value.signed.size.toLong()); value.signed.forEach { writeSigned(it) }
                writeUnsigned(value.doubles.size.toLong()); value.doubles.forEach { writeDouble(it) }
                writeUnsigned(value.floats.size.toLong()); value.floats.forEach { writeFloat(it) }
                writeUnsigned(value.longDoubles.size.toLong()); value.longDoubles.forEach { writeLongDouble(it) }
                writeUnsigned(value.strings.size.toLong()); value.strings.forEach { writeBytes(it) }
            }
            load { _ ->
                RecordKinds(
                    List(readUnsigned().toInt()) { readUnsigned() },
                    List(readUnsigned().toInt()) { readSigned() },
                    List(readUnsigned().toInt()) { readDouble() },
                    List(readUnsigned().toInt()) { readFloat() },
                    List(readUnsigned().toInt()) { readLongDouble() },
                    List(readUnsigned().toInt()) { readBytes() },
                )
            }
            digest { value -> add(value.describe().toByteArray()) }
        }
    }
    commands {
        command("fixture.recset", arity = 3, flags = "write", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            openKeyForWrite(args[1]).set(recordsType, RecordKinds.edges(args[2].toLong().toInt()))
            replyOk()
        }
        // An array of [depth, what FIXTURE.NEST depth-1 replies, "after depth"], postponed at odd depths:
        // each level's reply is written around the reply of the module command it calls.
        command("fixture.nest", arity = 2, flags = "readonly") { args ->
            val depth = args[1].toLong()
            val postponed = if (depth % 2 == 1L) replyArray() else null
            if (postponed == null) replyArray(3)
            reply(depth)
            if (depth > 0) reply(call("FIXTURE.NEST", (depth - 1).toString())) else replyArray(0)
            reply("after $depth")
            postponed?.set(3)
        }
        command("fixture.recget", arity = 2, flags = "readonly", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            val value = openKey(args[1]).value(recordsType)
            if (value == null) replyNull() else reply(value.describe())
        }
        command("fixture.tset", arity = 4, flags = "write", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            openKeyForWrite(args[1]).set(blobType, payload(args[2].toLong().toInt(), args[3].toLong().toInt()))
            replyOk()
        }
        command("fixture.tget", arity = 2, flags = "readonly", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            val bytes = openKey(args[1]).value(blobType)
            if (bytes == null) replyNull() else reply(bytes)
        }
        command("fixture.auxset", arity = 2) { args -> auxState = args[1].toText(); replyOk() }
        command("fixture.auxloaded", arity = 1) { reply(auxLoaded.map { io.valkeyjvm.core.ValkeyString.of(it) }) }
        command("fixture.poison", arity = 2) { args -> poisonedSaves = args[1].toText() == "on"; replyOk() }
        command("fixture.freed", arity = 1) { reply(freedValues.get()) }
        command("fixture.churn", arity = 2) { args ->
            if (args[1].toText() == "start") startChurn() else churn?.interrupt().also { churn = null }
            replyOk()
        }

        // Keeps <kb> more of the heap until FIXTURE.RELEASE; replies the KB kept. deny-oom: the heap guard refuses it when the heap is full.
        command("fixture.retain", arity = 2, flags = "write deny-oom") { args ->
            repeat((args[1].toLong() / RETAIN_CHUNK_KB).toInt()) { retained += ByteArray(RETAIN_CHUNK_KB * 1024) }
            reply(retained.size.toLong() * RETAIN_CHUNK_KB)
        }
        // Drops what FIXTURE.RETAIN kept; replies the KB dropped. Not deny-oom, so it runs on a full heap.
        command("fixture.release", arity = 1) {
            val kb = retained.size.toLong() * RETAIN_CHUNK_KB
            retained.clear()
            retained.trimToSize()
            reply(kb)
        }
        command("fixture.echo", arity = 2, flags = "readonly fast") { args -> reply(args[1]) }
        command("fixture.args", arity = 1) { reply(loadArgs) }

        command("fixture.throw", arity = 2) { args -> throw IllegalStateException(args[1].toString()) }
        command("fixture.error", arity = 2) { args -> throw CommandError(args[1].toString()) }
        command("fixture.busykey", arity = 1) { throw CommandError.withCode("BUSYKEY", "Target key name already exists.") }
        command("fixture.plainerror", arity = 2) { args -> throw CommandError.error(args[1].toString()) }
        command("fixture.npe", arity = 1) { throw NullPointerException() }
        command("fixture.stackoverflow", arity = 1) { reply(recurse(0)) }
        command("fixture.oom", arity = 1) { reply(ByteArray(Int.MAX_VALUE)) }
        command("fixture.noreply", arity = 1) { }
        command("fixture.partial", arity = 1) {
            replyArray(2)
            reply(1)
            throw IllegalStateException("failed halfway")
        }
        command("fixture.partialpostponed", arity = 1) {
            val outer = replyArray()
            reply(1)
            replyMap(2)
            reply("k")
            throw IllegalStateException("failed inside a map")
        }
        command("fixture.twice", arity = 1) {
            reply(1)
            reply(2)
        }
        command("fixture.throwafter", arity = 1) {
            reply(1)
            throw IllegalStateException("thrown after a whole reply")
        }
        command("fixture.unfinished", arity = 1) {
            replyArray()
            reply("only element")
        }
        command("fixture.wronglength", arity = 1) {
            val length = replyArray()
            reply(1)
            length.set(2)
        }
        // Replies after <ms> without blocking the server; <timeout ms> 0 means none.
        command("fixture.sleep", arity = 3) { args ->
            val ms = args[1].toLong()
            val timeoutMs = args[2].toLong()
            suspending(timeout = if (timeoutMs == 0L) kotlin.time.Duration.INFINITE else timeoutMs.milliseconds) {
                startedCoroutines.incrementAndGet()
                try {
                    delay(ms)
                    "slept $ms".toReply()
                } catch (cancelled: kotlinx.coroutines.CancellationException) {
                    cancelledCoroutines.incrementAndGet()
                    println("fixture: sleep $ms cancelled")
                    System.out.flush()
                    throw cancelled
                }
            }
        }
        command("fixture.sleepfail", arity = 2) { args ->
            val message = args[1].toText() // arguments are read before the command returns
            suspending {
                delay(10)
                throw IllegalStateException(message)
            }
        }
        // Reads its arguments only inside the block, after the command has returned: a binary-safe echo, reversed.
        command("fixture.lateargs", arity = -2) { args ->
            suspending {
                delay(10)
                args.drop(1).reversed().toReply()
            }
        }
        // A withTimeout inside the block that is not caught: the coroutine ends cancelled, not failed.
        command("fixture.innertimeout", arity = 1) {
            suspending { kotlinx.coroutines.withTimeout(50) { delay(10_000) }; ReplyValue.OK }
        }
        command("fixture.onmain", arity = 1) {
            suspending {
                val offMain = !io.valkeyjvm.core.MainThread.isCurrent()
                val onMain = kotlinx.coroutines.withContext(io.valkeyjvm.dsl.ValkeyDispatchers.Main) { io.valkeyjvm.core.MainThread.isCurrent() }
                listOf(offMain.toReply(), onMain.toReply()).toReply()
            }
        }
        // Misuse: replies (or blocks once more, or throws) after blocking its client.
        command("fixture.blockthen", arity = 2) { args ->
            val then = args[1].toText()
            suspending { delay(50); "late".toReply() }
            when (then) {
                "reply" -> reply("early")
                "block" -> suspending { "twice".toReply() }
                else -> throw CommandError("ERR thrown after blocking")
            }
        }
        // Works on the main thread in 1 ms slices, yield()ing between them, until <key> exists (at most
        // 20 s); replies the slices.
        command("fixture.mainslices", arity = 2) { args ->
            val stopKey = args[1]
            suspending {
                kotlinx.coroutines.withContext(io.valkeyjvm.dsl.ValkeyDispatchers.Main) {
                    startedCoroutines.incrementAndGet()
                    val giveUp = System.nanoTime() + 20_000_000_000L
                    var slices = 0L
                    while (System.nanoTime() < giveUp) {
                        val sliceEnd = System.nanoTime() + 1_000_000
                        while (System.nanoTime() < sliceEnd) Thread.onSpinWait()
                        slices++
                        if (io.valkeyjvm.core.Server.onMainThread { it.openKey(stopKey).type() != io.valkeyjvm.core.KeyType.EMPTY }) break
                        kotlinx.coroutines.yield()
                    }
                    slices
                }.toReply()
            }
        }
        // Misuse from a coroutine thread: the command's context, then a main-thread-only API.
        command("fixture.wrongthread", arity = 2) { args ->
            val what = args[1].toText()
            val scope = this
            suspending {
                if (what == "context") scope.reply(1) else io.valkeyjvm.dsl.timer(kotlin.time.Duration.ZERO) { }
                "unreachable".toReply()
            }
        }
        // INCRs <key> <n> times from a coroutine: through the main dispatcher, or under the server lock.
        command("fixture.bgincr", arity = 4, flags = "write") { args ->
            val key = args[1].toText()
            val times = args[2].toLong()
            val locked = args[3].toText() == "locked"
            suspending(dispatcher = io.valkeyjvm.dsl.ValkeyDispatchers.Io) {
                var last: ReplyValue = ReplyValue.NULL
                repeat(times.toInt()) {
                    last = if (locked) io.valkeyjvm.dsl.withValkeyLock { call("INCR", key) }
                    else io.valkeyjvm.dsl.withValkey { call("INCR", key) }
                }
                last
            }
        }
        // FIXTURE.REPLICATE <command> [args]: replicates the command as given (ServerAccess.replicate).
        command("fixture.replicate", arity = -2, flags = "write") { args ->
            replicate(args[1].toText(), *args.drop(2).toTypedArray())
            replyOk()
        }
        command("fixture.call", arity = -2) { args ->
            reply(call(args[1].toText(), *args.drop(2).toTypedArray()))
        }
        // FIXTURE.KEYAFTERCALL <string key> <list key>: keys opened before call()s that replace and
        // delete their values, read afterwards: [string value, list type, list length].
        command("fixture.keyaftercall", arity = 3, flags = "write") { args ->
            val text = openKeyForWrite(args[1])
            text.setString(ValkeyString.of("one"))
            val list = openKeyForWrite(args[2])
            list.list().pushLast(ValkeyString.of("a"))
            list.list()[0] // the server caches a list iterator in the key
            call("SET", args[1], "two")
            call("DEL", args[2])
            reply(listOf(text.stringValue()?.toReply() ?: ReplyValue.NULL, list.type().name.toReply(), list.length().toReply()).toReply())
        }
        // FIXTURE.STRINGCHURN <key> <value>: every path on which the SDK makes server strings for a command
        // (a key's name and value, call arguments and replies, a notification, a publish, a key check).
        command("fixture.stringchurn", arity = 3, flags = "write") { args ->
            openKeyForWrite(args[1]).setString(args[2])
            val read = call("GET", args[1]).asString()
            notifyKeyspaceEvent(io.valkeyjvm.core.KeyspaceEventType.MODULE, "churned", args[1])
            publish(args[1], args[2])
            keyExists(args[1])
            reply(read)
        }
        // FIXTURE.PUBLISH <channel> <message> [shard]: the receivers.
        command("fixture.publish", arity = -3) { args ->
            reply(if (args.size > 3) publishToShard(args[1], args[2]) else publish(args[1], args[2]))
        }
        // FIXTURE.CALLBLOCKING <command> [args]: the reply of a call that may block, or its error line;
        // the client waits while the command blocks.
        command("fixture.callblocking", arity = -2) { args ->
            val result = callBlocking(args[1].toText(), *args.drop(2).toTypedArray())
            fun io.valkeyjvm.core.Replies.answer() {
                val value = try {
                    result.join()
                } catch (failure: java.util.concurrent.CompletionException) {
                    return replyError(failure.cause?.message ?: "ERR the call failed")
                }
                reply(value)
            }
            if (result.isDone) return@command answer()
            val client = context.block(0) { it.replyError("ERR the blocking call never replied") }
            result.whenComplete { _, _ -> client.complete { it.answer() } }
        }
        // FIXTURE.CALLWHY <flags|-> <command> [args]: [ran, reply] or [refused REASON, line] or [error, line].
        command("fixture.callwhy", arity = -3) { args ->
            val flags = args[1].toText().split(',').filter { it != "-" }.map { CallFlag.valueOf(it) }.toSet()
            val outcome = try {
                listOf("ran".toReply(), call(args[2].toText(), *args.drop(3).toTypedArray(), flags = flags))
            } catch (refused: CallRefusedException) {
                listOf("refused ${refused.reason()}".toReply(), refused.replyLine().toReply())
            } catch (error: CommandError) {
                listOf("error".toReply(), error.replyLine().toReply())
            }
            reply(outcome.toReply())
        }
        // BLPOP-like: pops the head of list <key>, waiting up to <timeout ms> while the key is not a
        // list; deleting the key ends the wait with an error.
        command("fixture.blpop", arity = 3, flags = "write", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            if (openKey(args[1]).type() == io.valkeyjvm.core.KeyType.LIST) return@command reply(call("LPOP", args[1]))
            run {
                blockOnKeys(listOf(args[1]), timeout = args[2].toLong().milliseconds, wakeOnDelete = true) { _, readyKey ->
                    when (openKey(readyKey).type()) {
                        io.valkeyjvm.core.KeyType.LIST -> {
                            reply(call("LPOP", readyKey))
                            true
                        }
                        io.valkeyjvm.core.KeyType.EMPTY -> throw io.valkeyjvm.dsl.CommandError("ERR the key was deleted")
                        else -> false
                    }
                }
            }
        }
        // The suspend form of FIXTURE.BLPOP: waits in a coroutine for a list to pop from, or for a
        // fixture value whose first byte is set (FIXTURE.TFILL), then finishes off the main thread,
        // taking [after ms] more there; it starts waiting [before ms] after it blocks. <timeout ms> 0 means none.
        command("fixture.bpop", arity = -3, flags = "write", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            val key = args[1]
            val timeoutMs = args[2].toLong()
            val timeout = if (timeoutMs == 0L) kotlin.time.Duration.INFINITE else timeoutMs.milliseconds
            val afterMs = args.getOrNull(3)?.toLong() ?: 0L
            val beforeMs = args.getOrNull(4)?.toLong() ?: 0L
            suspendingOnKeys(listOf(key), timeout, wakeOnDelete = true) {
                startedCoroutines.incrementAndGet()
                try {
                    delay(beforeMs)
                    val taken = awaitKeys { readyKey ->
                        keyChecks.incrementAndGet()
                        val opened = openKey(key)
                        when (opened.type()) {
                            io.valkeyjvm.core.KeyType.LIST -> call("LPOP", key)
                            io.valkeyjvm.core.KeyType.MODULE ->
                                opened.value(blobType)?.takeIf { it.isNotEmpty() && it[0] != 0.toByte() }?.let { "blob of ${it.size} bytes".toReply() }
                            io.valkeyjvm.core.KeyType.EMPTY -> if (readyKey != null) throw CommandError("ERR the key was deleted") else null
                            else -> null
                        }
                    }
                    kotlinx.coroutines.withContext(io.valkeyjvm.dsl.ValkeyDispatchers.Io) { delay(afterMs) }
                    taken
                } catch (cancelled: kotlinx.coroutines.CancellationException) {
                    cancelledCoroutines.incrementAndGet()
                    throw cancelled
                }
            }
        }
        // Sets the first byte of a fixture value in place, a write the server does not see; with
        // "signal", wakes the clients blocked on the key as a module must then.
        command("fixture.tfill", arity = -2, flags = "write", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            val bytes = openKeyForWrite(args[1]).value(blobType) ?: fail("ERR no fixture value")
            bytes[0] = 1
            if (args.getOrNull(2)?.toText() == "signal") signalKeyAsReady(args[1])
            replyOk()
        }
        // FIXTURE.TFILLAROUND <key> <command> [arg...]: takes the key's fixture value through a writable key,
        // runs the command with call() (one that saves the value: DUMP, MEMORY USAGE, BGSAVE), then sets
        // the value's first byte to 1 in place, all in one command.
        command("fixture.tfillaround", arity = -3, flags = "write", keys = io.valkeyjvm.dsl.Keys.single()) { args ->
            val bytes = openKeyForWrite(args[1]).value(blobType) ?: fail("ERR no fixture value")
            call(args[2].toText(), *args.drop(3).toTypedArray())
            bytes[0] = 1
            replyOk()
        }
        // Works on the main thread for <ms>, yielding to the server every millisecond; replies the yields.
        command("fixture.busy", arity = 2) { args ->
            val end = System.nanoTime() + args[1].toLong() * 1_000_000
            var yields = 0L
            while (System.nanoTime() < end) {
                yieldToServer("fixture is working")
                yields++
                Thread.sleep(1)
            }
            reply(yields)
        }
        // Like FIXTURE.BUSY, replying <key>'s value before and after the yielding work.
        command("fixture.busyread", arity = 3) { args ->
            val before = call("GET", args[1])
            val end = System.nanoTime() + args[2].toLong() * 1_000_000
            while (System.nanoTime() < end) {
                yieldToServer("fixture is working")
                Thread.sleep(1)
            }
            reply(listOf(before, call("GET", args[1])).toReply())
        }
        // INCRs <key> after <ms>, from a timer started here.
        command("fixture.timerincr", arity = 3) { args ->
            val key = args[1]
            timer(args[2].toLong().milliseconds) { call("INCR", key) }
            replyOk()
        }
        // INCRs <key> after <ms>, from a background coroutine through the main dispatcher, in [db] (default 0).
        command("fixture.laterincr", arity = -3) { args ->
            val key = args[1].toText()
            val delayMs = args[2].toLong()
            val db = args.getOrNull(3)?.toLong()?.toInt() ?: 0
            io.valkeyjvm.dsl.moduleScope.launch(io.valkeyjvm.dsl.ValkeyDatabase(db)) {
                delay(delayMs)
                io.valkeyjvm.dsl.withValkey { call("INCR", key) }
            }
            replyOk()
        }
        // Queues a main-thread task that throws a failure whose message cannot be read (its toString throws too).
        command("fixture.badtask", arity = 1) {
            io.valkeyjvm.core.MainThread.execute { throw UndescribableFailure() }
            replyOk()
        }
        command("fixture.cancelled", arity = 1) { reply(cancelledCoroutines.get()) }
        command("fixture.started", arity = 1) { reply(startedCoroutines.get()) }
        command("fixture.keychecks", arity = 1) { reply(keyChecks.get()) }
        command("fixture.stash", arity = -1) { args ->
            stashedContext = context
            stashedArgs = args
            replyOk()
        }
        command("fixture.usestash", arity = 1) {
            val stale = stashedContext ?: fail("ERR nothing stashed")
            stale.reply(1)
        }
        command("fixture.readstash", arity = 1) {
            val stale = stashedArgs ?: fail("ERR nothing stashed")
            reply(stale[stale.size - 1])
        }

        // ReplySetPushLength is declared by the API but no server registers it: a stand-in for any
        // function the running server lacks. The NULL check fires before the context is used.
        command("fixture.missingapi", arity = 1) { @OptIn(RawValkeyApi::class) ValkeyModuleApi.ReplySetPushLength(0L, 0L) }

        // How the JVM was started, for the specs of the loader's signal and stack settings.
        command("fixture.jvm", arity = 1) {
            val arguments = java.lang.management.ManagementFactory.getRuntimeMXBean().inputArguments
            reply((arguments + "_JAVA_SR_SIGNUM=${System.getenv("_JAVA_SR_SIGNUM")}").map { ValkeyString.of(it) })
        }

        command("fixture.reply", arity = 2) { args -> replyWith(args[1].toString()) }
    }
    onLoad { args ->
        loadArgs = args
        if (args.any { it.toString() == "fail-on-load" }) throw IllegalStateException("asked to fail on load")
        Runtime.getRuntime().addShutdownHook(Thread { println("fixture: JVM shutdown hook ran") })
        log("fixture loaded with ${args.size} arguments")
    }
}

private fun io.valkeyjvm.dsl.CommandScope.replyWith(type: String) {
    when (type) {
        "integer" -> reply(-42L)
        "double" -> reply(3.5)
        "true" -> reply(true)
        "false" -> reply(false)
        "bulk" -> reply("héllo")
        "binary" -> reply(ByteArray(256) { it.toByte() })
        "simple" -> replySimple("PONG")
        "ok" -> replyOk()
        "error" -> replyError("custom failure")
        "coded-error" -> replyError("BUSYKEY it is taken")
        "null" -> replyNull()
        "null-array" -> replyNullArray()
        "empty-array" -> replyEmptyArray()
        "empty-string" -> replyEmptyString()
        "array" -> {
            replyArray(3)
            reply(1)
            reply("two")
            replyArray(1)
            reply(3)
        }
        "postponed-array" -> {
            val length = replyArray()
            repeat(4) { reply(it) }
            length.set(4)
        }
        "map" -> {
            replyMap(2)
            reply("a"); reply(1)
            reply("b"); reply(2)
        }
        "postponed-map" -> {
            val pairs = replyMap()
            reply("k"); reply("v")
            pairs.set(1)
        }
        "set" -> {
            replySet(2)
            reply("x"); reply("y")
        }
        "postponed-set" -> {
            val length = replySet()
            reply("only")
            length.set(1)
        }
        "big-number" -> replyBigNumber("1234567890123456789012345678901234567890")
        "verbatim" -> replyVerbatim("some *text*", "mkd")
        "long-double" -> replyLongDouble(1e-17)
        "long-double-inf" -> replyLongDouble(Double.NEGATIVE_INFINITY)
        "double-inf" -> reply(Double.POSITIVE_INFINITY)
        "double-neg-inf" -> reply(Double.NEGATIVE_INFINITY)
        "double-nan" -> reply(Double.NaN)
        "double-whole" -> reply(-2.0)
        "error-line" -> replyErrorLine("invalid range")
        "nul-bulk" -> reply(ValkeyString.of(byteArrayOf(0, 0x61, 0, 0x0d, 0x0a)))
        "nested" -> {
            // A map whose values are a set, an empty map and an array holding a null and a map.
            replyMap(3)
            reply("s"); replySet(1); reply(1)
            reply("e"); replyMap(0)
            reply("a"); replyArray(2); replyNull(); replyMap(1); reply("k"); reply(true)
        }
        "large-array" -> {
            replyArray(100_000)
            for (i in 0 until 100_000) reply(i.toLong())
        }
        "large-postponed-array" -> {
            val length = replyArray()
            for (i in 0 until 100_000) reply(i.toLong())
            length.set(100_000)
        }
        // The DSL's helpers: a list of strings, and values made with toReply().
        "dsl-strings" -> reply(listOf(ValkeyString.of("a"), ValkeyString.of("")))
        "dsl-values" -> reply(
            listOf(
                "a".toReply(), ValkeyString.of("b").toReply(), byteArrayOf(0).toReply(), 7L.toReply(), 8.toReply(), 1.5.toReply(),
                false.toReply(), java.math.BigInteger.TEN.pow(20).toReply(), listOf(1L, 2L).toReply(),
                listOf(ValkeyString.of("c")).toReply(), mapOf("k".toReply() to "v".toReply()).toReply(),
            ).toReply(),
        )
        // The same shapes as values, passed through Replies.reply(ReplyValue).
        "value-null" -> reply(ReplyValue.NULL)
        "value-null-array" -> reply(ReplyValue.NULL_ARRAY)
        "value-all" -> reply(
            ReplyValue.array(
                ReplyValue.of(-42), ReplyValue.of(3.5), ReplyValue.of(true), ReplyValue.of("héllo"), ReplyValue.simple("PONG"),
                ReplyValue.error("BUSYKEY it is taken"), ReplyValue.NULL, ReplyValue.NULL_ARRAY, ReplyValue.array(),
                ReplyValue.of(java.math.BigInteger("1234567890123456789012345678901234567890")),
                ReplyValue.Verbatim("mkd", ValkeyString.of("some *text*")), ReplyValue.Set(listOf(ReplyValue.of("x"))),
                ReplyValue.map(mapOf(ReplyValue.of("a") to ReplyValue.of(1))), ReplyValue.of(byteArrayOf(0, 1)),
            ),
        )
        "attribute" -> {
            replyAttribute(1)
            reply("ttl"); reply(100)
            reply("value")
        }
        else -> fail("ERR unknown reply type '$type'")
    }
}

/** A module's exception whose message getter throws, so that describing it (toString) throws as well. */
private class UndescribableFailure : RuntimeException() {
    override val message: String get() = throw IllegalStateException("this failure cannot be described")
}
