package io.valkeyjvm.kotest

import java.nio.file.Path
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * How to run one test valkey-server: which modules to load, extra server directives, the
 * process environment and the time limits. Immutable; build one with [valkeyServerConfig] or
 * [Builder], and derive a changed copy with [toBuilder].
 *
 * The kit always passes its own base directives (port, bind address, working directory, log
 * file, no persistence, `MODULE` and `DEBUG` commands enabled, protected mode off); [config]
 * comes after them on the command line, so a directive given here overrides a base one.
 */
public class ValkeyServerConfig private constructor(
    /** Modules to load, in order; each becomes one `--loadmodule` argument group. */
    public val modules: List<ValkeyModuleLoad>,
    /** Extra server directives, in order: each a directive name and its values. */
    public val config: List<Pair<String, List<String>>>,
    /** Extra environment variables for the server process (for example `JAVA_HOME`). */
    public val env: Map<String, String>,
    /** How long [ValkeyServer.start] waits for the server to answer `PING`. */
    public val startTimeout: Duration,
    /** How long [ValkeyServer.stop] waits after `SHUTDOWN NOSAVE` before killing the process. */
    public val stopTimeout: Duration,
    /** The valkey-server binary to run, as an absolute path. */
    public val serverBinary: Path,
    /** Whether to keep the server's temporary directory when the JVM exits (it is deleted otherwise). */
    public val keepDir: Boolean,
    /** Whether the server starts from a config file, `valkey.conf` in its directory (CONFIG REWRITE needs one). */
    public val configFile: Boolean,
) {

    /** A builder pre-filled with this configuration, for deriving a changed copy. */
    public fun toBuilder(): Builder = Builder().also { b ->
        b.modules += modules
        b.config += config
        b.env += env
        b.startTimeout = startTimeout
        b.stopTimeout = stopTimeout
        b.serverBinary = serverBinary
        b.keepDir = keepDir
        b.configFile = configFile
    }

    /** A readable summary, for messages. */
    override fun toString(): String =
        "ValkeyServerConfig(serverBinary=$serverBinary, modules=$modules, config=$config, " +
            "env=${env.keys}, startTimeout=$startTimeout, stopTimeout=$stopTimeout, keepDir=$keepDir, configFile=$configFile)"

    /**
     * Mutable builder for [ValkeyServerConfig]; the receiver of the kit's configuration blocks.
     *
     * ```
     * valkeyServerConfig {
     *     module(Path.of("target/libmymodule.so"), "verbose")
     *     config("appendonly", "yes")
     *     env("JAVA_HOME", System.getProperty("java.home"))
     *     startTimeout = 30.seconds
     * }
     * ```
     */
    @ValkeyServerDsl
    public class Builder {

        /** Modules to load, in order. */
        public val modules: MutableList<ValkeyModuleLoad> = mutableListOf()

        /** Extra server directives, in order: each a directive name (no leading dashes) and its values. */
        public val config: MutableList<Pair<String, List<String>>> = mutableListOf()

        /** Extra environment variables for the server process. */
        public val env: MutableMap<String, String> = linkedMapOf()

        /** How long to wait for the server to answer `PING`; 20 seconds unless set. */
        public var startTimeout: Duration = 20.seconds

        /** How long to wait for the server to exit after `SHUTDOWN NOSAVE`; 10 seconds unless set. */
        public var stopTimeout: Duration = 10.seconds

        /**
         * The valkey-server binary. When `null` (the default) [build] uses the `VALKEY_SERVER_PATH`
         * environment variable if set, else `valkey-server` on `PATH`.
         */
        public var serverBinary: Path? = null

        /** Keep the server's temporary directory after the JVM exits, for a post-mortem; `false` unless set. */
        public var keepDir: Boolean = false

        /**
         * Start the server from a config file, an empty `valkey.conf` in its directory, with the
         * directives on the command line after it: for CONFIG REWRITE, which writes them all
         * into that file. `false` unless set.
         */
        public var configFile: Boolean = false

        /** Adds a module to load, with its arguments. */
        public fun module(path: Path, vararg args: String) {
            modules += ValkeyModuleLoad(path, args.toList())
        }

        /** Adds a module to load. */
        public fun module(load: ValkeyModuleLoad) {
            modules += load
        }

        /**
         * Adds a server directive, for example `config("save", "900", "1")`.
         *
         * @param name the directive name without leading dashes.
         * @param values its values; at least one (use `""` for an empty value).
         */
        public fun config(name: String, vararg values: String) {
            require(name.isNotBlank() && !name.startsWith("-") && name.none { it.isWhitespace() }) {
                "Server directive name must be a single word without leading dashes, was '$name'"
            }
            require(values.isNotEmpty()) { "Server directive '$name' needs at least one value" }
            config += name to values.toList()
        }

        /** Adds single-value server directives, for example `config("appendonly" to "yes")`. */
        public fun config(vararg directives: Pair<String, String>) {
            directives.forEach { (name, value) -> config(name, value) }
        }

        /** Sets an environment variable for the server process. */
        public fun env(name: String, value: String) {
            require(name.isNotEmpty() && '=' !in name) { "Bad environment variable name '$name'" }
            env[name] = value
        }

        /**
         * Builds the configuration, locating the server binary if [serverBinary] is not set.
         *
         * @throws IllegalArgumentException if a timeout is not positive.
         * @throws IllegalStateException if no runnable valkey-server binary is found.
         */
        public fun build(): ValkeyServerConfig {
            require(startTimeout.isPositive()) { "startTimeout must be positive, was $startTimeout" }
            require(stopTimeout.isPositive()) { "stopTimeout must be positive, was $stopTimeout" }
            val binary = serverBinary?.let(::checkServerBinary) ?: locateServerBinary()
            return ValkeyServerConfig(
                modules = modules.toList(),
                config = config.map { (name, values) -> name to values.toList() },
                env = LinkedHashMap(env),
                startTimeout = startTimeout,
                stopTimeout = stopTimeout,
                serverBinary = binary,
                keepDir = keepDir,
                configFile = configFile,
            )
        }
    }
}

/** Builds a [ValkeyServerConfig] with the [ValkeyServerConfig.Builder] DSL. */
public fun valkeyServerConfig(configure: ValkeyServerConfig.Builder.() -> Unit = {}): ValkeyServerConfig =
    ValkeyServerConfig.Builder().apply(configure).build()
