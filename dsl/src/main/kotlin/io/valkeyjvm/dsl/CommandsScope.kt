package io.valkeyjvm.dsl

import io.valkeyjvm.core.ChannelPositions
import io.valkeyjvm.core.CommandArg
import io.valkeyjvm.core.CommandDefinition
import io.valkeyjvm.core.CommandHandler
import io.valkeyjvm.core.GetChannelsHandler
import io.valkeyjvm.core.GetKeysHandler
import io.valkeyjvm.core.KeyPositions
import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ValkeyString
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract

/** The body of `commands { }`: one [command] call per command, [containerCommand] for one with subcommands. */
@ValkeyDsl
public class CommandsScope internal constructor(private val module: ModuleDefinition.Builder) {
    /**
     * Declares a command.
     *
     * @param name the command name clients send (case-insensitive).
     * @param arity n for exactly n arguments counting the name, -n for at least n; the server
     *   answers a wrong count with its own "wrong number of arguments" error.
     * @param flags space-separated command flags, e.g. `"write deny-oom"` or `"readonly fast"`.
     * @param keys where the key arguments are (the legacy first, last and step of COMMAND INFO).
     * @param summary one line for COMMAND DOCS.
     * @param aclCategories space-separated ACL categories (`"read fast"`, or one the module
     *   declares with [ModuleScope.aclCategories]); the server derives none from the flags.
     * @param keySpecs where the keys are and how the command uses them ([KeySpec]): COMMAND INFO,
     *   COMMAND GETKEYS, cluster routing and ACL checks go by them, so a command whose keys are
     *   `RO` runs for a user with `%R~` keys.
     * @param args the arguments for COMMAND DOCS ([CommandArg]).
     * @param complexity COMMAND DOCS' complexity, e.g. `"O(1)"`.
     * @param since the module version that added the command.
     * @param tips tips for clients, e.g. `listOf("nondeterministic_output")`.
     * @param history COMMAND DOCS' history: version to what changed.
     * @param getKeys finds a call's keys when key specs cannot say where they are (getkeys-api):
     *   the server runs it instead of the handler for COMMAND GETKEYS and ACL checks.
     * @param getChannels finds a call's pub/sub channels (getchannels-api), for ACL checks.
     * @param handler runs the command; `args[0]` is the command name. It must reply once, or
     *   throw: a [CommandError] (or any exception) becomes an error reply.
     *
     * ```kotlin
     * command("hello.echo", arity = 2, flags = "readonly fast") { args -> reply(args[1]) }
     * command("kv.get", arity = 2, flags = "readonly", keys = Keys.single(),
     *     keySpecs = listOf(KeySpec.index(1).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS)),
     *     args = listOf(CommandArg.key("key", 0)), summary = "Reads a value.", complexity = "O(1)") { args ->
     *     reply(openKey(args[1]).stringValue())
     * }
     * ```
     */
    public fun command(
        name: String,
        arity: Int = -1,
        flags: String = "",
        keys: Keys = Keys.NONE,
        summary: String? = null,
        aclCategories: String = "",
        keySpecs: List<KeySpec> = emptyList(),
        args: List<CommandArg> = emptyList(),
        complexity: String? = null,
        since: String? = null,
        tips: List<String> = emptyList(),
        history: List<Pair<String, String>> = emptyList(),
        getKeys: (KeyPositions.(args: List<ValkeyString>) -> Unit)? = null,
        getChannels: (ChannelPositions.(args: List<ValkeyString>) -> Unit)? = null,
        handler: CommandScope.(args: List<ValkeyString>) -> Unit,
    ) {
        val definition = describe(name, arity, flags, keys, summary, aclCategories, keySpecs, args, complexity, since, tips, history,
            getKeys, getChannels)
            .handler(CommandHandler { ctx, args -> CommandScope(ctx).handler(args) })
        module.command(definition)
    }

    /**
     * Declares a container command: clients call its subcommands (`NAME SUB ...`, as in
     * `CONFIG GET`), declared in [block]; the container itself has no handler. COMMAND INFO lists
     * the subcommands, and ACL rules can name one (`+name|sub`).
     *
     * ```kotlin
     * containerCommand("bitarray", summary = "Bit arrays.") {
     *     subcommand("get", arity = 3, keys = Keys.single()) { args -> /* ... */ }
     * }
     * ```
     */
    @OptIn(ExperimentalContracts::class)
    public fun containerCommand(
        name: String,
        flags: String = "",
        summary: String? = null,
        aclCategories: String = "",
        args: List<CommandArg> = emptyList(),
        complexity: String? = null,
        since: String? = null,
        tips: List<String> = emptyList(),
        history: List<Pair<String, String>> = emptyList(),
        block: SubcommandsScope.() -> Unit,
    ) {
        contract { callsInPlace(block, InvocationKind.EXACTLY_ONCE) }
        val definition = describe(name, -1, flags, Keys.NONE, summary, aclCategories, emptyList(), args, complexity, since, tips, history,
            null, null)
        val subcommands = SubcommandsScope(name).apply(block).subcommands
        module.command(definition.subcommands(*subcommands.toTypedArray()))
    }
}

/** The body of `containerCommand { }`: its subcommands. */
@ValkeyDsl
public class SubcommandsScope internal constructor(private val parent: String) {
    internal val subcommands = mutableListOf<CommandDefinition>()

    /**
     * Declares the subcommand [name] of the container (clients send `CONTAINER NAME ...`; its full
     * name is `container|name`). Its parameters are [CommandsScope.command]'s; [arity] counts
     * the container's name too, and defaults to the server's -2.
     */
    public fun subcommand(
        name: String,
        arity: Int = -2,
        flags: String = "",
        keys: Keys = Keys.NONE,
        summary: String? = null,
        aclCategories: String = "",
        keySpecs: List<KeySpec> = emptyList(),
        args: List<CommandArg> = emptyList(),
        complexity: String? = null,
        since: String? = null,
        tips: List<String> = emptyList(),
        history: List<Pair<String, String>> = emptyList(),
        getKeys: (KeyPositions.(args: List<ValkeyString>) -> Unit)? = null,
        getChannels: (ChannelPositions.(args: List<ValkeyString>) -> Unit)? = null,
        handler: CommandScope.(args: List<ValkeyString>) -> Unit,
    ) {
        subcommands += describe(name, arity, flags, keys, summary, aclCategories, keySpecs, args, complexity, since, tips, history,
            getKeys, getChannels)
            .handler(CommandHandler { ctx, args -> CommandScope(ctx).handler(args) })
            .build()
    }

    override fun toString(): String = "subcommands of $parent"
}

private fun describe(
    name: String,
    arity: Int,
    flags: String,
    keys: Keys,
    summary: String?,
    aclCategories: String,
    keySpecs: List<KeySpec>,
    args: List<CommandArg>,
    complexity: String?,
    since: String?,
    tips: List<String>,
    history: List<Pair<String, String>>,
    getKeys: (KeyPositions.(args: List<ValkeyString>) -> Unit)?,
    getChannels: (ChannelPositions.(args: List<ValkeyString>) -> Unit)?,
): CommandDefinition.Builder {
    val definition = CommandDefinition.builder(name)
        .arity(arity)
        .flags(flags)
        .aclCategories(aclCategories)
        .keys(keys.first, keys.last, keys.step)
        .keySpecs(*keySpecs.toTypedArray())
        .args(*args.toTypedArray())
        .tips(*tips.toTypedArray())
    if (summary != null) definition.summary(summary)
    if (complexity != null) definition.complexity(complexity)
    if (since != null) definition.since(since)
    for ((version, changes) in history) definition.history(version, changes)
    if (getKeys != null) definition.getKeys(GetKeysHandler { positions, callArgs -> positions.getKeys(callArgs) })
    if (getChannels != null) definition.getChannels(GetChannelsHandler { positions, callArgs -> positions.getChannels(callArgs) })
    return definition
}
