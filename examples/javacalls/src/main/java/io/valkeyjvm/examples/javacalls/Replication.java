package io.valkeyjvm.examples.javacalls;

import io.valkeyjvm.core.CallFlag;
import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.KeySpec;
import io.valkeyjvm.core.KeySpecFlag;
import io.valkeyjvm.core.ValkeyString;
import java.util.EnumSet;
import java.util.UUID;

/**
 * Three ways to get a command's effect to replicas and the AOF.
 *
 * <ul>
 *   <li>{@code JAVACALLS.TALLY key member}: replicates itself verbatim. Its writes are
 *       deterministic, so each replica runs the same command and gets the same result; the
 *       {@code HINCRBY} it calls is not propagated, or replicas would count twice.</li>
 *   <li>{@code JAVACALLS.NEWID key}: writes a random id through the key API (which propagates
 *       nothing) and replicates its effect, {@code SET key id}: replicas store the same id instead
 *       of drawing their own.</li>
 *   <li>{@code JAVACALLS.PUSHID key}: pushes a random id with {@code RPUSH}, a call whose
 *       writes propagate (the default): replicas get the {@code RPUSH} with the same id.</li>
 * </ul>
 */
final class Replication {
    private Replication() {}

    private static final KeySpec WRITES_KEY_AT_1 = KeySpec.index(1).range(0, 1, 0).flags(KeySpecFlag.RW, KeySpecFlag.UPDATE);

    static CommandDefinition.Builder tally() {
        return CommandDefinition.builder("javacalls.tally")
                .arity(3)
                .flags("write deny-oom fast")
                .aclCategories("write fast javacalls")
                .summary("Counts one more of a member in a hash; replicated as the command itself.")
                .complexity("O(1)")
                .keySpecs(WRITES_KEY_AT_1)
                .args(CommandArg.key("key", 0), CommandArg.string("member"))
                .handler((ctx, args) -> {
                    long count = ctx.call(EnumSet.of(CallFlag.NOT_PROPAGATED), "HINCRBY", args.get(1), args.get(2), 1).asLong();
                    ctx.replicateVerbatim();
                    ctx.reply(count);
                });
    }

    static CommandDefinition.Builder newId() {
        return CommandDefinition.builder("javacalls.newid")
                .arity(2)
                .flags("write deny-oom")
                .aclCategories("write javacalls")
                .summary("Stores a new random id at a key; replicas and the AOF get the same id.")
                .complexity("O(1)")
                .tips("nondeterministic_output")
                .keySpecs(KeySpec.index(1).range(0, 1, 0).flags(KeySpecFlag.OW, KeySpecFlag.UPDATE))
                .args(CommandArg.key("key", 0))
                .handler((ctx, args) -> {
                    ValkeyString id = ValkeyString.of(UUID.randomUUID().toString());
                    try (Key key = ctx.openKeyForWrite(args.get(1))) {
                        key.setString(id);
                    }
                    ctx.replicate("SET", args.get(1), id);
                    ctx.reply(id);
                });
    }

    static CommandDefinition.Builder pushId() {
        return CommandDefinition.builder("javacalls.pushid")
                .arity(2)
                .flags("write deny-oom")
                .aclCategories("write javacalls")
                .summary("Appends a new random id to a list; the RPUSH it calls replicates with the id.")
                .complexity("O(1)")
                .tips("nondeterministic_output")
                .keySpecs(KeySpec.index(1).range(0, 1, 0).flags(KeySpecFlag.RW, KeySpecFlag.INSERT))
                .args(CommandArg.key("key", 0))
                .handler((ctx, args) -> {
                    String id = UUID.randomUUID().toString();
                    ctx.call("RPUSH", args.get(1), id);
                    ctx.reply(id);
                });
    }
}
