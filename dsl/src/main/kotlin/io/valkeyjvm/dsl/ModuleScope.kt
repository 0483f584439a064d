package io.valkeyjvm.dsl

import io.valkeyjvm.core.CommandFilter
import io.valkeyjvm.core.FilteredCommand
import io.valkeyjvm.core.InfoHandler
import io.valkeyjvm.core.LoadCheck
import io.valkeyjvm.core.LoadHandler
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ModuleOption
import io.valkeyjvm.core.ServerVersion
import io.valkeyjvm.core.UnloadHandler
import io.valkeyjvm.core.ValkeyString
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract

/** The body of [valkeyModule]: version, commands, data types, configs, events and lifecycle hooks. */
@ValkeyDsl
public class ModuleScope internal constructor(name: String) {
    private val builder = ModuleDefinition.builder(name)

    /** The module version, as MODULE LIST shows it; default 1. */
    public var version: Int = 1

    /**
     * Module options, how the server treats the module: `options(ModuleOption.ALLOW_NESTED_KEYSPACE_NOTIFICATIONS)`.
     * An option the running server lacks fails the load, naming the version it needs.
     */
    public fun options(vararg options: ModuleOption) {
        builder.options(*options)
    }

    /**
     * ACL categories of the module's own (Valkey 8.0): its commands may name them in
     * `aclCategories`, and ACL rules (`+@name`, `-@name`) and `ACL CAT` know them as the server's
     * own. A name the server has already fails the load; the server keeps them after
     * `MODULE UNLOAD`, so loading the module again needs a restart.
     */
    public fun aclCategories(vararg names: String) {
        builder.aclCategories(*names)
    }

    /** Declares the module's commands. */
    @OptIn(ExperimentalContracts::class)
    public fun commands(block: CommandsScope.() -> Unit) {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        CommandsScope(builder).block()
    }

    /**
     * Declares the module's data types; returns what [block] returns, typically the handle of the
     * type it declares (or a list or holder of several).
     */
    @OptIn(ExperimentalContracts::class)
    public fun <R> dataTypes(block: DataTypesScope.() -> R): R {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        return DataTypesScope(builder).block()
    }

    /**
     * Declares the module's configs; returns what [block] returns, typically the handle of the
     * config it declares (or a holder of several).
     */
    @OptIn(ExperimentalContracts::class)
    public fun <R> configs(block: ConfigsScope.() -> R): R {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        return ConfigsScope(builder).block()
    }

    /** Declares the keyspace notifications and server events the module handles. */
    @OptIn(ExperimentalContracts::class)
    public fun events(block: EventsScope.() -> Unit) {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        EventsScope(builder).block()
    }

    /**
     * A command filter: [filter] sees every command before it runs (with [noSelf], not the
     * module's own `call`s) and may rewrite its arguments. It runs on the main thread for each
     * command: keep it quick, never block.
     */
    public fun commandFilter(noSelf: Boolean = false, filter: (FilteredCommand) -> Unit) {
        builder.commandFilter(CommandFilter { filter(it) }, noSelf)
    }

    /**
     * Declares the module's auth callbacks: they decide on `AUTH` and `HELLO ... AUTH` before the
     * server's own passwords, tried in declaration order (see [AuthScope]).
     */
    @OptIn(ExperimentalContracts::class)
    public fun auth(block: AuthScope.() -> Unit) {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        AuthScope(builder).block()
    }

    /** Writes the module's INFO sections, each time INFO asks; the SDK's `<module>_jvm` section follows them. */
    public fun info(block: InfoScope.() -> Unit) {
        builder.info(InfoHandler { writer -> InfoScope(writer).block() })
    }

    /**
     * A check that runs first when the module loads, before anything registers: throw
     * [CommandError] to refuse the load, with a message for the server log.
     */
    public fun checkLoad(check: (server: ServerVersion, args: List<ValkeyString>) -> Unit) {
        builder.checkLoad(LoadCheck { server, args -> check(server, args) })
    }

    /** Refuses to load on a server older than [major].[minor], saying so in the server log. */
    public fun requiresServer(major: Int, minor: Int) {
        builder.requiresServer(major, minor)
    }

    /**
     * Code to run when the module loads, after its commands are registered. `args` are the module
     * arguments (after the loader's own `java-home`/`jvm-option` pairs). Throwing fails the load,
     * and the server is left as it was.
     */
    public fun onLoad(block: LifecycleScope.(args: List<ValkeyString>) -> Unit) {
        builder.onLoad(LoadHandler { ctx, args -> LifecycleScope(ctx).block(args) })
    }

    private var unloadBlock: (LifecycleScope.() -> Unit)? = null

    /** Code to run on `MODULE UNLOAD`; throwing refuses the unload, and the message goes to the log. */
    public fun onUnload(block: LifecycleScope.() -> Unit) {
        unloadBlock = block
    }

    internal fun build(): ModuleDefinition {
        val userUnload = unloadBlock
        // After the module's own code agrees to unload, its coroutines and their threads end with it.
        builder.onUnload(UnloadHandler { ctx ->
            userUnload?.invoke(LifecycleScope(ctx))
            ModuleCoroutines.unload()
        })
        return builder.version(version).build()
    }
}
