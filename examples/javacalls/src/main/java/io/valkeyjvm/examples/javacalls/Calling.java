package io.valkeyjvm.examples.javacalls;

import io.valkeyjvm.core.CallFlag;
import io.valkeyjvm.core.CallRefusedException;
import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ReplyValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Calling the server's commands from a command: {@link CommandContext#call(Set, String, Object...)}
 * with {@link CallFlag}s, its typed {@link ReplyValue}, and what happens when the server refuses.
 *
 * <ul>
 *   <li>{@code JAVACALLS.CALL flags command [arg ...]} runs the command and passes its reply
 *       through to the client as is (a map stays a map for a RESP3 client, bytes stay bytes);
 *       an error or a refusal is the error reply.</li>
 *   <li>{@code JAVACALLS.TRY flags command [arg ...]} runs it and says what came back:
 *       {@code ["ok", <the reply's type and value>]}, {@code ["error", <line>]} for a command
 *       that ran and failed, or {@code ["refused", <reason>, <line>]} for one the server would
 *       not run ({@link CallRefusedException#reason()}).</li>
 * </ul>
 *
 * {@code flags} is {@code -} for none, or {@link CallFlag} names separated by commas, in any case:
 * {@code as_user,no_writes}.
 */
final class Calling {
    private Calling() {}

    static CommandDefinition.Builder call() {
        return CommandDefinition.builder("javacalls.call")
                .arity(-3)
                // It may run any command: "write" so that a read-only replica refuses it as a whole.
                .flags("write")
                .aclCategories("dangerous javacalls")
                .summary("Runs a command with call flags and replies what it replied, as is.")
                .since("1.0.0")
                .args(CommandArg.string("flags").summary("'-' or call flags separated by commas"),
                        CommandArg.string("command"),
                        CommandArg.string("arg").optional().multiple())
                .handler((ctx, args) -> {
                    Set<CallFlag> flags = parseFlags(args.get(1));
                    // A refusal (CallRefusedException) and an error are ValkeyExceptions: thrown,
                    // they become this command's error reply, with the server's line.
                    ReplyValue reply = ctx.call(flags, args.get(2).toText(), rest(args, 3));
                    ctx.reply(reply);
                });
    }

    static CommandDefinition.Builder tryCall() {
        return CommandDefinition.builder("javacalls.try")
                .arity(-3)
                .flags("write")
                .aclCategories("dangerous javacalls")
                .summary("Runs a command with call flags and says whether it ran, failed or was refused, and why.")
                .since("1.0.0")
                .args(CommandArg.string("flags"), CommandArg.string("command"), CommandArg.string("arg").optional().multiple())
                .handler((ctx, args) -> {
                    Set<CallFlag> flags = parseFlags(args.get(1));
                    ReplyValue outcome;
                    try {
                        ReplyValue reply = ctx.call(flags, args.get(2).toText(), rest(args, 3));
                        outcome = ReplyValue.array(ReplyValue.of("ok"), ReplyValue.of(describe(reply)));
                    } catch (CallRefusedException refused) {
                        // Catch the subclass first: the command never ran.
                        outcome = ReplyValue.array(ReplyValue.of("refused"), ReplyValue.of(refused.reason().name()),
                                ReplyValue.of(refused.getMessage()));
                    } catch (ValkeyException failed) {
                        outcome = ReplyValue.array(ReplyValue.of("error"), ReplyValue.of(failed.getMessage()));
                    }
                    ctx.reply(outcome);
                });
    }

    /** The flags a client names: {@code -}, or names separated by commas. */
    static Set<CallFlag> parseFlags(ValkeyString names) {
        Set<CallFlag> flags = EnumSet.noneOf(CallFlag.class);
        String text = names.toText();
        if (text.equals("-")) return flags;
        for (String name : text.split(",", -1)) {
            try {
                flags.add(CallFlag.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw ValkeyException.error("unknown call flag '" + name + "'; use - or some of " + List.of(CallFlag.values()));
            }
        }
        return flags;
    }

    /** The arguments from {@code from} on, for {@code call}'s varargs. */
    static Object[] rest(List<ValkeyString> args, int from) {
        return args.subList(from, args.size()).toArray();
    }

    /**
     * A reply's RESP type and value in one line: {@code integer 3}, {@code bulk "a\x00b"},
     * {@code map {bulk "f" => bulk "v"}}... Bulk strings are binary-safe: bytes that are not
     * printable ASCII show as {@code \xNN}.
     */
    static String describe(ReplyValue reply) {
        if (reply instanceof ReplyValue.BulkString bulk) return "bulk " + quote(bulk.value());
        if (reply instanceof ReplyValue.SimpleString simple) return "simple " + simple.value();
        if (reply instanceof ReplyValue.Integer integer) return "integer " + integer.value();
        if (reply instanceof ReplyValue.Double number) return "double " + number.value();
        if (reply instanceof ReplyValue.Boolean bool) return "boolean " + bool.value();
        if (reply instanceof ReplyValue.BigNumber big) return "big number " + big.value();
        if (reply instanceof ReplyValue.Verbatim verbatim) return "verbatim " + verbatim.format() + " " + quote(verbatim.text());
        if (reply instanceof ReplyValue.Null) return "null";
        if (reply instanceof ReplyValue.Error error) return "error " + error.line();
        if (reply instanceof ReplyValue.Array array) return "array " + describeAll(array.elements());
        if (reply instanceof ReplyValue.Set set) return "set " + describeAll(set.elements());
        StringJoiner entries = new StringJoiner(", ", "{", "}");
        for (Map.Entry<ReplyValue, ReplyValue> entry : reply.asMap().entrySet())
            entries.add(describe(entry.getKey()) + " => " + describe(entry.getValue()));
        return "map " + entries;
    }

    private static String describeAll(List<ReplyValue> elements) {
        StringJoiner all = new StringJoiner(", ", "[", "]");
        for (ReplyValue element : elements) all.add(describe(element));
        return all.toString();
    }

    private static String quote(ValkeyString value) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : value.toByteArray()) {
            int unsigned = b & 0xff;
            if (unsigned >= 0x20 && unsigned < 0x7f && unsigned != '"' && unsigned != '\\') text.append((char) unsigned);
            else text.append(String.format("\\x%02x", unsigned));
        }
        return text.append('"').toString();
    }
}
