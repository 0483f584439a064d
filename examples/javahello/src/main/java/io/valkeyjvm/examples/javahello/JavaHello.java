package io.valkeyjvm.examples.javahello;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ModuleDefinition;

/** A module in plain Java: {@code JAVAHELLO.ECHO s} replies the bulk string {@code s}, byte for byte. */
public final class JavaHello {
    /** The module the loader registers: found as this class's public static ModuleDefinition field. */
    public static final ModuleDefinition MODULE = ModuleDefinition.builder("javahello")
            .version(1)
            .command(CommandDefinition.builder("javahello.echo")
                    .arity(2)
                    .flags("readonly fast")
                    .summary("Replies with its argument, byte for byte.")
                    .handler((ctx, args) -> ctx.reply(args.get(1))))
            .build();

    private JavaHello() {}
}
