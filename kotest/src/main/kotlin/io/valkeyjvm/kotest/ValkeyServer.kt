package io.valkeyjvm.kotest

import redis.clients.jedis.DefaultJedisClientConfig
import redis.clients.jedis.HostAndPort
import redis.clients.jedis.Jedis
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand
import redis.clients.jedis.exceptions.JedisDataException
import java.io.IOException
import java.io.InputStream
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.time.Duration

/**
 * A running valkey-server process for tests, listening on 127.0.0.1 on a free port, working in
 * its own temporary directory, with the modules of its [config] loaded.
 *
 * Start one with [start] (or let [ValkeyServerSpecExtension] do it for a spec), talk to it through
 * [client], [newClient] or [command], and end it with [stop] (or [close]). Its log file and its
 * stdout/stderr (where module code may print) stay readable after it stops, through [log] and
 * [stdout]; the directory is deleted when the JVM exits unless [ValkeyServerConfig.keepDir] is set.
 */
public class ValkeyServer private constructor(
    /** The configuration this server was started with. */
    public val config: ValkeyServerConfig,
    /** The TCP port the server listens on. */
    public val port: Int,
    /** The server's temporary working directory (`--dir`). */
    public val dir: Path,
    /** The server process. */
    public val process: Process,
    private val commandLine: List<String>,
) : AutoCloseable {

    /** The address the server listens on: always `127.0.0.1`. */
    public val host: String get() = HOST

    /** The server's log file (`--logfile`), inside [dir]. */
    public val logFile: Path = logFileIn(dir)

    /** The file that receives the process's stdout and stderr, inside [dir]. */
    public val stdoutFile: Path = stdoutFileIn(dir)

    /** The operating-system process id of the server. */
    public val pid: Long = process.pid()

    /** Whether the server process is still running. */
    public val isAlive: Boolean get() = process.isAlive

    private val lock = Any()
    private val stopLock = Any()
    private val clients = mutableListOf<Jedis>()
    private var stopped = false
    private val cleanupHook = Thread({ cleanUpAtExit() }, "valkey-jvm-kotest-cleanup-$port")

    init {
        try {
            Runtime.getRuntime().addShutdownHook(cleanupHook)
        } catch (_: IllegalStateException) {
            // The JVM is already shutting down; nothing will clean up after us anyway.
        }
    }

    /**
     * A RESP2 client connected to this server, created on first use with a 10 second socket
     * timeout. It is closed by [stop]; not thread-safe (use [newClient] per thread).
     */
    public val client: Jedis by lazy { newClient() }

    /**
     * Opens another client connection to this server. Every client opened here is closed by [stop].
     *
     * @param protocol the protocol to speak; RESP3 is negotiated with `HELLO 3`.
     * @throws IllegalStateException if the server was stopped.
     */
    public fun newClient(protocol: RedisProtocol = RedisProtocol.RESP2): Jedis {
        synchronized(lock) {
            check(!stopped) { "$this was stopped; cannot open a client" }
            val clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CLIENT_TIMEOUT_MS)
                .socketTimeoutMillis(CLIENT_TIMEOUT_MS)
                .protocol(protocol)
                .build()
            val jedis = Jedis(HostAndPort(HOST, port), clientConfig)
            clients += jedis
            return jedis
        }
    }

    /**
     * Sends any command through [client] and returns Jedis's raw reply: `ByteArray` for simple and
     * bulk strings, `Long` for integers, `List` for arrays, `null` for nil. [decodeReply] turns the
     * byte arrays into strings. An error reply is thrown as a `JedisDataException`.
     *
     * @param args the command name followed by its arguments, for example `"SET", "k", "v"`.
     */
    public fun command(vararg args: String): Any? {
        require(args.isNotEmpty()) { "command needs at least the command name" }
        return client.sendCommand(RawCommand(args[0]), *args.copyOfRange(1, args.size))
    }

    /**
     * Like [command], with the reply decoded by [decodeReply]: `String` for simple and bulk
     * strings, `Long`, `List`, `null`. An error reply is thrown as a `JedisDataException`.
     */
    public fun call(vararg args: String): Any? = decodeReply(command(*args))

    /**
     * Sends a command that must fail and returns its error reply, code included
     * (`"WRONGTYPE Operation against a key holding the wrong kind of value"`).
     *
     * @throws AssertionError if the command succeeded
     */
    public fun errorReply(vararg args: String): String {
        val reply = try {
            command(*args)
        } catch (error: JedisDataException) {
            return error.message.orEmpty()
        }
        throw AssertionError("${args.joinToString(" ")} succeeded with ${decodeReply(reply)}; an error reply was expected")
    }

    /**
     * Sends a command from a client of its own, on a thread of its own, and returns at once: for
     * a command that blocks its client (BLPOP, a suspending module command) while the test does
     * something else. The future completes with the reply decoded as by [call], or with the text
     * of an error reply, as [errorReply] returns it; the client is closed once it has its reply.
     *
     * ```kotlin
     * val popped = server.callInBackground("BLPOP", "jobs", "0")
     * awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
     * server.call("LPUSH", "jobs", "j1")
     * popped.get(10, TimeUnit.SECONDS) shouldBe listOf("jobs", "j1")
     * ```
     *
     * @param db the database the client selects first
     * @param clientName a name for the client (`CLIENT SETNAME`), to find it in `CLIENT LIST`
     */
    public fun callInBackground(vararg args: String, db: Int = 0, clientName: String? = null): CompletableFuture<Any?> {
        require(args.isNotEmpty()) { "callInBackground needs at least the command name" }
        val client = newClient()
        val reply = CompletableFuture<Any?>()
        Thread({
            try {
                client.use {
                    if (db != 0) it.select(db)
                    if (clientName != null) it.clientSetname(clientName)
                    reply.complete(decodeReply(it.sendCommand(RawCommand(args[0]), *args.copyOfRange(1, args.size))))
                }
            } catch (error: JedisDataException) {
                reply.complete(error.message.orEmpty())
            } catch (failure: Throwable) {
                reply.completeExceptionally(failure)
            }
        }, "valkey-jvm-kotest-background-${args[0]}").apply { isDaemon = true }.start()
        return reply
    }

    /**
     * The loaded modules (`MODULE LIST`): each name with its version. Modules built into the server
     * are left out, so that a spec reads the same on every version: Valkey 9.1 lists its Lua engine
     * as a module named `lua` whose path is its name, where a loaded module's path is its file.
     */
    public fun modules(): Map<String, Long> =
        (call("MODULE", "LIST") as List<*>)
            .map { entry -> (entry as List<*>).chunked(2).associate { (name, value) -> name to value } }
            .filterNot { fields -> fields["path"] == fields["name"] && '/' !in fields["path"].toString() }
            .associate { fields -> fields["name"] as String to fields["ver"] as Long }

    /** One `INFO` section as a map of field to value, for example `info("clients")["blocked_clients"]`. */
    public fun info(section: String): Map<String, String> =
        (call("INFO", section) as String).lineSequence()
            .filter { ':' in it && !it.startsWith("#") }
            .associate { it.substringBefore(':') to it.substringAfter(':').trim() }

    /** One field of an `INFO` section; throws naming both if the server does not report it. */
    public fun info(section: String, field: String): String =
        info(section)[field] ?: throw NoSuchElementException("INFO $section has no field '$field'")

    /**
     * Waits up to [timeout] until no background save (BGSAVE, a replica's sync) or AOF rewrite
     * runs or is scheduled, then checks that the last of each succeeded.
     *
     * @throws AssertionError if one is still running after [timeout], or the last one failed.
     */
    public fun awaitBackgroundWork(timeout: Duration = DEFAULT_AWAIT_TIMEOUT) {
        awaitUntil("the background save or AOF rewrite to finish", timeout) {
            val persistence = info("persistence")
            persistence["rdb_bgsave_in_progress"] == "0" && persistence["aof_rewrite_in_progress"] == "0" &&
                persistence["aof_rewrite_scheduled"] == "0"
        }
        val persistence = info("persistence")
        for (status in listOf("rdb_last_bgsave_status", "aof_last_bgrewrite_status")) {
            if (persistence[status] != "ok") throw AssertionError("$status is ${persistence[status]}, not ok; the server log says:\n${logTail()}")
        }
    }

    /** Makes this server a replica of [primary] (`REPLICAOF`) and waits until it is in sync; see [awaitInSyncWith]. */
    public fun replicaOf(primary: ValkeyServer, timeout: Duration = DEFAULT_AWAIT_TIMEOUT) {
        call("REPLICAOF", primary.host, primary.port.toString())
        awaitInSyncWith(primary, timeout)
    }

    /**
     * Waits up to [timeout] until this replica's link to [primary] is up and it has processed
     * everything the primary has sent so far (equal replication offsets).
     *
     * @throws AssertionError if it is not in sync after [timeout]
     */
    public fun awaitInSyncWith(primary: ValkeyServer, timeout: Duration = DEFAULT_AWAIT_TIMEOUT) {
        awaitUntil("replica $port to be in sync with primary ${primary.port}", timeout) {
            val replication = info("replication")
            replication["master_link_status"] == "up" &&
                replication["master_repl_offset"] == primary.info("replication", "master_repl_offset")
        }
    }

    /** The whole server log file; empty if it does not exist yet. */
    public fun log(): String = readText(logFile)

    /** The last [lines] lines of the server log file. */
    public fun logTail(lines: Int = DEFAULT_TAIL_LINES): String = tail(log(), lines)

    /** Everything the server process wrote to stdout and stderr so far (module code may print here). */
    public fun stdout(): String = readText(stdoutFile)

    /** The last [lines] lines of the process's stdout and stderr. */
    public fun stdoutTail(lines: Int = DEFAULT_TAIL_LINES): String = tail(stdout(), lines)

    /**
     * Sends a POSIX signal to the server process with `kill -<sig> <pid>`.
     *
     * @param sig the signal name or number, with or without the `SIG` prefix: `"TERM"`, `"SIGUSR1"`, `"9"`.
     * @throws IllegalStateException if `kill` fails or does not finish within 10 seconds.
     */
    public fun signal(sig: String) {
        val name = sig.removePrefix("SIG")
        require(name.matches(SIGNAL_NAME)) { "Not a signal name or number: '$sig'" }
        val kill = ProcessBuilder("kill", "-$name", pid.toString()).redirectErrorStream(true).start()
        kill.outputStream.close()
        if (!kill.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            kill.destroyForcibly()
            error("kill -$name $pid did not finish within $KILL_TIMEOUT_SECONDS s")
        }
        val output = kill.inputStream.use { String(it.readBytes(), Charsets.UTF_8).trim() }
        check(kill.exitValue() == 0) { "kill -$name $pid failed (exit ${kill.exitValue()}): $output" }
    }

    /**
     * Waits up to [timeout] for the server process to exit.
     *
     * @return the exit code, or `null` if the process is still running after [timeout].
     */
    public fun awaitExit(timeout: Duration): Int? =
        if (process.waitFor(timeout.inWholeMilliseconds.coerceAtLeast(0), TimeUnit.MILLISECONDS)) {
            process.exitValue()
        } else {
            null
        }

    /**
     * Stops the server: closes every client opened through this object, sends `SHUTDOWN NOSAVE`,
     * waits up to [ValkeyServerConfig.stopTimeout] for the process to exit, then kills it.
     * Calling it again does nothing. The log files stay readable afterwards.
     */
    public fun stop() {
        synchronized(stopLock) {
            val toClose = synchronized(lock) {
                if (stopped) return
                stopped = true
                clients.toList().also { clients.clear() }
            }
            toClose.forEach { runCatching { it.close() } }
            if (process.isAlive) {
                requestShutdown()
                if (awaitExit(config.stopTimeout) == null) {
                    process.destroyForcibly()
                    process.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                }
            }
        }
    }

    /** Same as [stop]. */
    override fun close(): Unit = stop()

    /** Address, pid and directory, for messages. */
    override fun toString(): String = "valkey-server $HOST:$port (pid $pid, dir $dir)"

    /** A one-line state summary: address, pid, and whether the process runs or how it exited. */
    internal fun describe(): String {
        val state = if (process.isAlive) "running" else "exited with code ${process.exitValue()}"
        return "$this, $state"
    }

    private fun awaitReady() {
        val startedAt = System.nanoTime()
        val deadline = startedAt + config.startTimeout.inWholeNanoseconds
        while (true) {
            if (!process.isAlive) {
                failStart("exited with code ${process.exitValue()} before answering PING", startedAt)
            }
            val remainingMs = (deadline - System.nanoTime()) / 1_000_000
            if (remainingMs <= 0) {
                failStart("did not answer PING within ${config.startTimeout}", startedAt)
            }
            if (ping(remainingMs.coerceIn(PING_MIN_TIMEOUT_MS, PING_MAX_TIMEOUT_MS).toInt())) return
            Thread.sleep(POLL_INTERVAL_MS.coerceAtMost(remainingMs.coerceAtLeast(1)))
        }
    }

    private fun failStart(reason: String, startedAt: Long): Nothing {
        synchronized(lock) { stopped = true }
        process.destroyForcibly()
        process.waitFor(KILL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        val log = log()
        val stdout = stdout()
        val elapsedMs = (System.nanoTime() - startedAt) / 1_000_000
        val kept = if (config.keepDir) "kept" else "deleted; set keepDir = true to keep it"
        val message = buildString {
            append("valkey-server on $HOST:$port $reason (after $elapsedMs ms).\n")
            append("Command line: ").append(commandLine.joinToString(" ", transform = ::shellQuote)).append('\n')
            append("Directory: $dir ($kept)\n")
            append(tailSection("valkey.log", log, DEFAULT_TAIL_LINES))
            append(tailSection("stdout.log (server stdout and stderr)", stdout, DEFAULT_TAIL_LINES))
        }
        removeCleanupHook()
        if (!config.keepDir) deleteRecursively(dir)
        val failure = ValkeyServerStartException(message)
        if (BIND_FAILURE in log || BIND_FAILURE in stdout) throw PortInUseException(failure)
        throw failure
    }

    private fun ping(timeoutMs: Int): Boolean = try {
        Socket().use { socket ->
            socket.connect(InetSocketAddress(HOST, port), timeoutMs)
            socket.soTimeout = timeoutMs
            socket.getOutputStream().apply { write("PING\r\n".toByteArray(Charsets.US_ASCII)); flush() }
            readLine(socket.getInputStream()) == "+PONG"
        }
    } catch (_: IOException) {
        false
    }

    private fun requestShutdown() {
        try {
            Socket().use { socket ->
                val timeoutMs = config.stopTimeout.inWholeMilliseconds.coerceIn(1, SHUTDOWN_REPLY_TIMEOUT_MS).toInt()
                socket.connect(InetSocketAddress(HOST, port), timeoutMs)
                socket.soTimeout = timeoutMs
                socket.getOutputStream().apply { write(SHUTDOWN_NOSAVE); flush() }
                // On success the server closes the connection without a reply; wait for that (or an error).
                val input = socket.getInputStream()
                while (input.read() >= 0) Unit
            }
        } catch (_: IOException) {
            // Not listening, paused or already gone: awaitExit and destroyForcibly take over.
        }
    }

    private fun removeCleanupHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook)
        } catch (_: IllegalStateException) {
            // The JVM is shutting down and the hook is running or has run.
        }
    }

    private fun cleanUpAtExit() {
        if (process.isAlive) {
            process.destroyForcibly()
            process.waitFor(2, TimeUnit.SECONDS)
        }
        if (!config.keepDir) deleteRecursively(dir)
    }

    /** Starts servers; see [start]. */
    public companion object {
        /** How many lines [logTail], [stdoutTail] and failure messages show by default. */
        public const val DEFAULT_TAIL_LINES: Int = 60

        /** The config file a server started with [ValkeyServerConfig.configFile] reads, in its [dir]. */
        public const val CONFIG_FILE: String = "valkey.conf"

        private const val HOST = "127.0.0.1"
        private const val BIND_ATTEMPTS = 3
        private const val CLIENT_TIMEOUT_MS = 10_000
        private const val POLL_INTERVAL_MS = 50L
        private const val PING_MIN_TIMEOUT_MS = 50L
        private const val PING_MAX_TIMEOUT_MS = 250L
        private const val SHUTDOWN_REPLY_TIMEOUT_MS = 2_000L
        private const val KILL_TIMEOUT_SECONDS = 10L
        private const val BIND_FAILURE = "Address already in use"
        private val SIGNAL_NAME = Regex("[A-Za-z0-9+-]+")
        private val SHUTDOWN_NOSAVE = "*2\r\n\$8\r\nSHUTDOWN\r\n\$6\r\nNOSAVE\r\n".toByteArray(Charsets.US_ASCII)

        /**
         * Starts a valkey-server for [config] and waits until it answers `PING`.
         *
         * The server gets a free port on 127.0.0.1 (retried up to 3 times if another process takes
         * the port first), a fresh temporary directory, and these arguments, followed by
         * [ValkeyServerConfig.config] and one `--loadmodule` group per module: `--port P
         * --bind 127.0.0.1 --dir <tmp> --logfile <tmp>/valkey.log --save "" --appendonly no
         * --enable-module-command yes --enable-debug-command yes --protected-mode no`.
         *
         * @throws ValkeyServerStartException if the server exits or does not answer `PING` within
         *   [ValkeyServerConfig.startTimeout]; the message carries the tails of its log and stdout.
         */
        public fun start(config: ValkeyServerConfig): ValkeyServer = start(config, ::freePort)

        /** [start] with a custom port picker, so tests can provoke a port clash. */
        internal fun start(config: ValkeyServerConfig, pickPort: () -> Int): ValkeyServer {
            var lastClash: ValkeyServerStartException? = null
            repeat(BIND_ATTEMPTS) {
                try {
                    return launch(config, pickPort())
                } catch (clash: PortInUseException) {
                    lastClash = clash.failure
                }
            }
            throw ValkeyServerStartException(
                "valkey-server could not bind a free port in $BIND_ATTEMPTS attempts; the last one failed:\n" +
                    lastClash?.message,
                lastClash,
            )
        }

        private fun launch(config: ValkeyServerConfig, port: Int): ValkeyServer {
            val dir = Files.createTempDirectory("valkey-jvm-kotest-")
            val commandLine = commandLine(config, port, dir)
            val process = try {
                ProcessBuilder(commandLine)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(stdoutFileIn(dir).toFile())
                    .also { it.environment().putAll(config.env) }
                    .start()
            } catch (e: IOException) {
                if (!config.keepDir) deleteRecursively(dir)
                throw ValkeyServerStartException("Could not run ${config.serverBinary}: ${e.message}", e)
            }
            process.outputStream.close()
            val server = ValkeyServer(config, port, dir, process, commandLine)
            try {
                server.awaitReady()
            } catch (e: InterruptedException) {
                // Interrupted while waiting: do not leave a half-started server behind.
                process.destroyForcibly()
                throw e
            }
            return server
        }

        private fun commandLine(config: ValkeyServerConfig, port: Int, dir: Path): List<String> = buildList {
            add(config.serverBinary.toString())
            if (config.configFile) add(Files.createFile(dir.resolve(CONFIG_FILE)).toString())
            add("--port"); add(port.toString())
            add("--bind"); add(HOST)
            add("--dir"); add(dir.toString())
            add("--logfile"); add(logFileIn(dir).toString())
            add("--save"); add("")
            add("--appendonly"); add("no")
            add("--enable-module-command"); add("yes")
            add("--enable-debug-command"); add("yes")
            add("--protected-mode"); add("no")
            for ((name, values) in config.config) {
                add("--$name"); addAll(values)
            }
            for (module in config.modules) addAll(module.toServerArgs())
        }

        private fun freePort(): Int =
            ServerSocket(0, 1, InetAddress.getByName(HOST)).use { it.localPort }

        private fun logFileIn(dir: Path): Path = dir.resolve("valkey.log")

        private fun stdoutFileIn(dir: Path): Path = dir.resolve("stdout.log")

        private fun readLine(input: InputStream): String {
            val line = StringBuilder()
            while (line.length < 512) {
                val b = input.read()
                if (b < 0 || b == '\n'.code) break
                if (b != '\r'.code) line.append(b.toChar())
            }
            return line.toString()
        }

        private fun shellQuote(arg: String): String =
            if (arg.isEmpty() || arg.any { it.isWhitespace() || it in "\"'\\$`" }) {
                "'" + arg.replace("'", "'\\''") + "'"
            } else {
                arg
            }
    }
}

/** The last [lines] lines of [text], without a trailing empty line. */
internal fun tail(text: String, lines: Int): String {
    require(lines >= 0) { "lines must not be negative, was $lines" }
    return text.lines().dropLastWhile { it.isEmpty() }.takeLast(lines).joinToString("\n")
}

/** A titled block with the tail of [text], for failure messages and reports. */
internal fun tailSection(title: String, text: String, lines: Int): String = buildString {
    append("--- last $lines lines of $title ---\n")
    val tail = tail(text, lines)
    append(if (tail.isEmpty()) "(empty)" else tail).append('\n')
}

private fun readText(path: Path): String =
    try {
        String(Files.readAllBytes(path), Charsets.UTF_8)
    } catch (_: IOException) {
        ""
    }

private fun deleteRecursively(dir: Path) {
    runCatching { dir.toFile().deleteRecursively() }
}

/** A command sent by name, for [ValkeyServer.command]. */
private class RawCommand(private val name: String) : ProtocolCommand {
    private val raw = name.toByteArray(Charsets.UTF_8)

    override fun getRaw(): ByteArray = raw

    override fun toString(): String = name
}

/** Start failed because the port was taken between picking and binding; [ValkeyServer.start] retries. */
private class PortInUseException(val failure: ValkeyServerStartException) : Exception(failure.message)
