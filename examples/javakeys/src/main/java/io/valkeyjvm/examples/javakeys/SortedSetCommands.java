package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.PostponedLength;
import io.valkeyjvm.core.ScoredMember;
import io.valkeyjvm.core.SortedSetAddFlag;
import io.valkeyjvm.core.SortedSetAddResult;
import io.valkeyjvm.core.SortedSetRange;
import io.valkeyjvm.core.SortedSetValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A key's sorted set through {@link SortedSetValue}: add with ZADD's conditions, increment,
 * remove, read a score, and walk a range by score or by member (lexicographically), lowest first
 * or highest first. A key holding anything else is the server's WRONGTYPE error.
 */
final class SortedSetCommands {
    private SortedSetCommands() {}

    static List<CommandDefinition> all() {
        return List.of(add(), incrementBy(), remove(), score(), range());
    }

    /**
     * {@code JAVAKEYS.ZADD key score member [NX|XX|GT|LT ...]}: adds the member or changes its
     * score, as the conditions allow; replies what happened: {@code added}, {@code updated},
     * {@code unchanged} or {@code skipped}. Contradicting conditions (NX with XX, GT or LT) are an
     * error, as with ZADD.
     */
    static CommandDefinition add() {
        return CommandDefinition.builder("javakeys.zadd")
                .arity(-4)
                .flags("write deny-oom fast")
                .keys(1, 1, 1)
                .summary("Adds a member with a score under NX/XX/GT/LT; replies added, updated, unchanged or skipped.")
                .handler((ctx, args) -> {
                    double score = args.get(2).toDouble();
                    Set<SortedSetAddFlag> flags = EnumSet.noneOf(SortedSetAddFlag.class);
                    for (ValkeyString word : args.subList(4, args.size())) flags.add(addFlag(word));
                    SortedSetAddResult result = ctx.openKeyForWrite(args.get(1)).sortedSet().add(score, args.get(3), flags);
                    ctx.replySimple(result.name().toLowerCase(Locale.ROOT));
                })
                .build();
    }

    private static SortedSetAddFlag addFlag(ValkeyString word) {
        for (SortedSetAddFlag flag : SortedSetAddFlag.values()) {
            if (word.equalsIgnoreCase(flag.name())) return flag;
        }
        throw ValkeyException.error("syntax error: a condition is NX, XX, GT or LT");
    }

    /** {@code JAVAKEYS.ZINCRBY key member delta}: adds delta to the member's score (from 0 for a new one); replies the new score. */
    static CommandDefinition incrementBy() {
        return CommandDefinition.builder("javakeys.zincrby")
                .arity(4)
                .flags("write deny-oom fast")
                .keys(1, 1, 1)
                .summary("Adds delta to a member's score; replies the new score.")
                .handler((ctx, args) -> {
                    double delta = args.get(3).toDouble();
                    ctx.reply(ctx.openKeyForWrite(args.get(1)).sortedSet().incrementScore(args.get(2), delta));
                })
                .build();
    }

    /** {@code JAVAKEYS.ZREM key member}: removes the member; 1 if it was there, else 0. */
    static CommandDefinition remove() {
        return CommandDefinition.builder("javakeys.zrem")
                .arity(3)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Removes a member; replies 1 if it was there, else 0.")
                .handler((ctx, args) -> ctx.reply(ctx.openKeyForWrite(args.get(1)).sortedSet().remove(args.get(2)) ? 1 : 0))
                .build();
    }

    /** {@code JAVAKEYS.ZSCORE key member}: the member's score, or null if it is not in the set. */
    static CommandDefinition score() {
        return CommandDefinition.builder("javakeys.zscore")
                .arity(3)
                .flags("readonly fast")
                .keys(1, 1, 1)
                .summary("Replies a member's score, or null.")
                .handler((ctx, args) -> {
                    Double score = ctx.openKey(args.get(1)).sortedSet().score(args.get(2));
                    if (score == null) ctx.replyNull();
                    else ctx.reply(score);
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.ZRANGE key BYSCORE|BYLEX min max [REV]}: the members from min to max with their
     * scores, as {@code member score member score ...}, lowest first, or highest first with REV
     * (min stays the lower bound). BYSCORE bounds are numbers, {@code (} before one excludes it,
     * {@code -inf} and {@code +inf} are the ends; BYLEX bounds are as ZRANGEBYLEX's: {@code [a}
     * includes a, {@code (a} excludes it, {@code -} and {@code +} are the ends.
     */
    static CommandDefinition range() {
        return CommandDefinition.builder("javakeys.zrange")
                .arity(-5)
                .flags("readonly")
                .keys(1, 1, 1)
                .summary("Replies members with scores between min and max, BYSCORE or BYLEX, REV for highest first.")
                .handler((ctx, args) -> {
                    boolean reverse = Arguments.optionalRev(args, 5);
                    SortedSetValue set = ctx.openKey(args.get(1)).sortedSet();
                    ValkeyString by = args.get(2);
                    SortedSetRange range;
                    if (by.equalsIgnoreCase("BYSCORE")) {
                        ScoreBound min = ScoreBound.parse(args.get(3));
                        ScoreBound max = ScoreBound.parse(args.get(4));
                        range = set.rangeByScore(min.score(), min.exclusive(), max.score(), max.exclusive(), reverse);
                    } else if (by.equalsIgnoreCase("BYLEX")) {
                        range = set.rangeByLex(args.get(3), args.get(4), reverse);
                    } else {
                        throw ValkeyException.error("syntax error: BYSCORE or BYLEX expected");
                    }
                    try (range) {
                        replyMembers(ctx, range);
                    }
                })
                .build();
    }

    /** Replies each member of {@code range} and its score, in the range's order. */
    private static void replyMembers(CommandContext ctx, SortedSetRange range) {
        PostponedLength length = ctx.replyArray();
        long replied = 0;
        while (range.hasNext()) {
            ScoredMember next = range.next();
            ctx.reply(next.member());
            ctx.reply(next.score());
            replied += 2;
        }
        length.set(replied);
    }

    /** A bound of a score range: {@code 1.5}, {@code (1.5} (exclusive), {@code -inf}, {@code +inf}. */
    private record ScoreBound(double score, boolean exclusive) {
        static ScoreBound parse(ValkeyString arg) {
            boolean exclusive = arg.startsWith("(");
            Double score = (exclusive ? arg.substring(1) : arg).toDoubleOrNull();
            if (score == null) throw ValkeyException.error("min or max is not a float");
            return new ScoreBound(score, exclusive);
        }
    }
}
