package io.valkeyjvm.examples.javactx;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.ModuleDefinition;

/**
 * A module in plain Java that tours the core API's command context, strings and server
 * dictionary, one command per thing a module asks of the server:
 *
 * <ul>
 *   <li>{@link ContextCommands}: the calling client (id, name, user, address), the context flags,
 *       the server's version and clocks, the module's load arguments, the server log, ACL checks
 *       of a user, publishing;</li>
 *   <li>{@link StringCommands}: {@code ValkeyString}s made from bytes, longs and doubles, parsed
 *       with clear errors, compared and appended, binary-safe;</li>
 *   <li>{@link DictionaryCommands}: a module-wide {@code ServerDictionary}, walked from a seek in
 *       both directions (in the spirit of the server's {@code hellodict.c}, under its own names, so
 *       both modules load side by side).</li>
 * </ul>
 *
 * <p>The loader finds the module as this class's public static {@link ModuleDefinition} field.
 */
public final class JavaCtx {
    /** The module: {@code JAVACTX.*} commands. */
    public static final ModuleDefinition MODULE = define();

    private JavaCtx() {}

    private static ModuleDefinition define() {
        ModuleDefinition.Builder module = ModuleDefinition.builder("javactx")
                .version(1)
                .onLoad((ctx, args) -> {
                    ContextCommands.rememberLoadArguments(args);
                    ctx.log(LogLevel.NOTICE, "javactx loaded with " + args.size() + " argument(s)");
                });
        for (CommandDefinition.Builder command : ContextCommands.commands()) module.command(command);
        for (CommandDefinition.Builder command : StringCommands.commands()) module.command(command);
        for (CommandDefinition.Builder command : DictionaryCommands.commands()) module.command(command);
        return module.build();
    }
}
