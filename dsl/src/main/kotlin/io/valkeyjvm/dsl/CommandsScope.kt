package io.valkeyjvm.dsl

import io.valkeyjvm.core.CommandDefinition
import io.valkeyjvm.core.CommandHandler
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ValkeyString

/** The body of `commands { }`: one [command] call per command. */
@ValkeyDsl
public class CommandsScope internal constructor(private val module: ModuleDefinition.Builder) {
    /**
     * Declares a command.
     *
     * @param name the command name clients send (case-insensitive).
     * @param arity n for exactly n arguments counting the name, -n for at least n; the server
     *   answers a wrong count with its own "wrong number of arguments" error.
     * @param flags space-separated command flags, e.g. `"write deny-oom"` or `"readonly fast"`.
     * @param keys where the key arguments are.
     * @param summary one line for COMMAND DOCS.
     * @param aclCategories space-separated ACL categories besides those the flags give it
     *   (`"read fast"`, or one the module declares with [ModuleScope.aclCategories]).
     * @param handler runs the command; `args[0]` is the command name. It must reply once, or
     *   throw: a [CommandError] (or any exception) becomes an error reply.
     *
     * ```kotlin
     * command("hello.echo", arity = 2, flags = "readonly fast") { args -> reply(args[1]) }
     * ```
     */
    public fun command(
        name: String,
        arity: Int = -1,
        flags: String = "",
        keys: Keys = Keys.NONE,
        summary: String? = null,
        aclCategories: String = "",
        handler: CommandScope.(args: List<ValkeyString>) -> Unit,
    ) {
        val definition = CommandDefinition.builder(name)
            .arity(arity)
            .flags(flags)
            .aclCategories(aclCategories)
            .keys(keys.first, keys.last, keys.step)
            .handler(CommandHandler { ctx, args -> CommandScope(ctx).handler(args) })
        if (summary != null) definition.summary(summary)
        module.command(definition)
    }
}
