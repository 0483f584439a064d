package io.valkeyjvm.examples.javacalls;

import io.valkeyjvm.core.ChannelFlag;
import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.KeySpec;
import io.valkeyjvm.core.KeySpecFlag;
import io.valkeyjvm.core.ReplyValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands that describe themselves, so that COMMAND INFO, COMMAND DOCS, COMMAND GETKEYS and
 * ACL rules know what they do.
 *
 * <ul>
 *   <li>{@code JAVACALLS.PEEK key [key ...]}: reads keys. Its key spec (from index 1, to the
 *       last argument, read-only access) lets a user whose rules say {@code %R~shelf:*} read
 *       {@code shelf:} keys with it.</li>
 *   <li>{@code JAVACALLS.PUT key value}: overwrites a key; the same user may not.</li>
 *   <li>{@code JAVACALLS.SUM numkeys key [key ...] [INTO destination]}: adds up integers; its
 *       source keys are found by a count (index and keynum), its destination after a keyword
 *       (keyword and range). Every COMMAND DOCS field is declared.</li>
 *   <li>{@code JAVACALLS.LOOKUP KEY key | TEXT text ...}: keys can be anywhere, so its own code
 *       finds them (getkeys-api).</li>
 *   <li>{@code JAVACALLS.NOTIFY channel message}: publishes; its own code names the channel
 *       (getchannels-api), so {@code &pattern} ACL rules apply.</li>
 *   <li>{@code JAVACALLS.COUNTER GET key} and {@code JAVACALLS.COUNTER INCR key}: a container
 *       command whose subcommands the server runs, each with its own flags and key spec.</li>
 * </ul>
 *
 * All of them name their ACL categories: the server's ({@code read}, {@code write}, {@code fast}...),
 * which it does not derive from the flags, and the module's own, {@code javacalls}.
 */
final class Metadata {
    private Metadata() {}

    static CommandDefinition.Builder peek() {
        return CommandDefinition.builder("javacalls.peek")
                .arity(-2)
                .flags("readonly fast")
                .aclCategories("read fast javacalls")
                .summary("Replies the string values of keys, null for a missing one.")
                .complexity("O(N) where N is the number of keys")
                .since("1.0.0")
                .keySpecs(KeySpec.index(1).range(-1, 1, 0).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS))
                .args(CommandArg.key("key", 0).multiple())
                .handler((ctx, args) -> ctx.reply(ctx.call("MGET", Calling.rest(args, 1))));
    }

    static CommandDefinition.Builder put() {
        return CommandDefinition.builder("javacalls.put")
                .arity(3)
                .flags("write deny-oom")
                .aclCategories("write javacalls")
                .summary("Sets a key to a string value.")
                .complexity("O(1)")
                .since("1.0.0")
                .keySpecs(KeySpec.index(1).range(0, 1, 0).flags(KeySpecFlag.OW, KeySpecFlag.UPDATE))
                .args(CommandArg.key("key", 0), CommandArg.string("value"))
                .handler((ctx, args) -> ctx.reply(ctx.call("SET", args.get(1), args.get(2))));
    }

    static CommandDefinition.Builder sum() {
        return CommandDefinition.builder("javacalls.sum")
                .arity(-3)
                .flags("write deny-oom")
                .aclCategories("write javacalls")
                .summary("Adds up the integer values of keys, and stores the sum if asked.")
                .complexity("O(N) where N is the number of keys")
                .since("1.0.0")
                .history("1.1.0", "Added the `INTO` option.")
                .keySpecs(
                        // Spec 0: the argument at index 1 counts the keys, which follow it.
                        KeySpec.index(1).keyNum(0, 1, 1).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS)
                                .notes("the source keys are only read"),
                        // Spec 1: the key after INTO, searched for backwards from the next to last argument.
                        KeySpec.keyword("INTO", -2).range(0, 1, 0).flags(KeySpecFlag.OW, KeySpecFlag.UPDATE))
                .args(CommandArg.integer("numkeys"),
                        CommandArg.key("key", 0).multiple(),
                        CommandArg.key("destination", 1).token("INTO").optional().since("1.1.0")
                                .summary("where to store the sum"))
                .handler((ctx, args) -> {
                    Long numKeys = args.get(1).toLongOrNull();
                    if (numKeys == null || numKeys < 1) throw ValkeyException.error("numkeys must be a positive integer");
                    int afterKeys = 2 + (int) Math.min(numKeys, args.size());
                    boolean into = args.size() == afterKeys + 2 && args.get(afterKeys).equalsIgnoreCase("INTO");
                    if (args.size() != afterKeys && !into) throw ValkeyException.error("syntax error");
                    long sum = 0;
                    List<ReplyValue> values = ctx.call("MGET", args.subList(2, afterKeys).toArray()).asList();
                    for (int i = 0; i < values.size(); i++) {
                        ValkeyString value = values.get(i).asStringOrNull();
                        if (value == null) continue;
                        Long number = value.toLongOrNull();
                        if (number == null) throw ValkeyException.error("the value of '" + args.get(2 + i) + "' is not an integer");
                        sum = Math.addExact(sum, number);
                    }
                    if (into) ctx.call("SET", args.get(afterKeys + 1), sum);
                    ctx.reply(sum);
                });
    }

    static CommandDefinition.Builder lookup() {
        return CommandDefinition.builder("javacalls.lookup")
                .arity(-3)
                .flags("readonly")
                .aclCategories("read javacalls")
                .summary("Replies each KEY's value and each TEXT as is, in order.")
                .complexity("O(N) where N is the number of arguments")
                .since("1.0.0")
                .args(CommandArg.oneOf("part",
                        CommandArg.string("key").token("KEY"),
                        CommandArg.string("text").token("TEXT")).multiple())
                // Every argument after a KEY token is a key: no key spec can say so, this code can.
                .getKeys((keys, args) -> {
                    for (int i = 1; i + 1 < args.size(); i += 2)
                        if (args.get(i).equalsIgnoreCase("KEY")) keys.keyAt(i + 1, KeySpecFlag.RO, KeySpecFlag.ACCESS);
                })
                .handler((ctx, args) -> {
                    if (args.size() % 2 == 0) throw ValkeyException.error("syntax error: KEY and TEXT each take one argument");
                    List<ReplyValue> parts = new ArrayList<>();
                    for (int i = 1; i < args.size(); i += 2) {
                        ValkeyString token = args.get(i);
                        ValkeyString value = args.get(i + 1);
                        if (token.equalsIgnoreCase("KEY")) parts.add(ctx.call("GET", value));
                        else if (token.equalsIgnoreCase("TEXT")) parts.add(ReplyValue.of(value));
                        else throw ValkeyException.error("unknown token '" + token + "', expected KEY or TEXT");
                    }
                    ctx.reply(ReplyValue.array(parts));
                });
    }

    static CommandDefinition.Builder notifyChannel() {
        return CommandDefinition.builder("javacalls.notify")
                .arity(3)
                .flags("pubsub fast")
                .aclCategories("pubsub fast javacalls")
                .summary("Publishes a message on a channel; replies how many clients received it.")
                .complexity("O(N) where N is the number of subscribers")
                .since("1.0.0")
                .args(CommandArg.string("channel"), CommandArg.string("message"))
                .getChannels((channels, args) -> channels.channelAt(1, ChannelFlag.PUBLISH))
                .handler((ctx, args) -> ctx.reply(ctx.publish(args.get(1), args.get(2))));
    }

    static CommandDefinition.Builder counter() {
        return CommandDefinition.builder("javacalls.counter")
                .aclCategories("javacalls")
                .summary("Reads and increments counters.")
                .since("1.0.0")
                .subcommands(
                        CommandDefinition.builder("get")
                                .arity(3)
                                .flags("readonly fast")
                                .aclCategories("read fast javacalls")
                                .summary("Replies a counter's value, 0 if it has none.")
                                .keySpecs(KeySpec.index(2).range(0, 1, 0).flags(KeySpecFlag.RO, KeySpecFlag.ACCESS))
                                .args(CommandArg.key("key", 0))
                                .handler((ctx, args) -> {
                                    ReplyValue value = ctx.call("GET", args.get(2));
                                    ctx.reply(value.isNull() ? 0 : value.asLong());
                                }),
                        CommandDefinition.builder("incr")
                                .arity(3)
                                .flags("write deny-oom fast")
                                .aclCategories("write fast javacalls")
                                .summary("Adds one to a counter; replies the new value.")
                                .keySpecs(KeySpec.index(2).range(0, 1, 0).flags(KeySpecFlag.RW, KeySpecFlag.UPDATE))
                                .args(CommandArg.key("key", 0))
                                .handler((ctx, args) -> ctx.reply(ctx.call("INCR", args.get(2)))));
    }
}
