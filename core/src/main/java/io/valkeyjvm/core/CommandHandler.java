package io.valkeyjvm.core;

import java.util.List;

/**
 * The code of a command. {@code args} are the client's arguments, the command name first, as
 * binary-safe strings. Throwing replies with an error (see {@link ValkeyException}); the server
 * keeps running.
 *
 * <pre>{@code
 * CommandHandler echo = (ctx, args) -> ctx.reply(args.get(1));
 * }</pre>
 */
@FunctionalInterface
public interface CommandHandler {
    /** Runs the command; must send exactly one reply unless it throws. */
    void handle(CommandContext ctx, List<ValkeyString> args) throws Exception;
}
