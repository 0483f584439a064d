package io.valkeyjvm.core;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The sorted set at an open key ({@link Key#sortedSet()}): add members with ZADD's conditions,
 * increment scores, remove members, read scores, and walk ranges by score or lexicographically in
 * either direction. Writes need a key opened for write; on an empty key they create the set, and
 * the key goes away when its last member does.
 *
 * <pre>{@code
 * SortedSetValue scores = ctx.openKeyForWrite(name).sortedSet();
 * scores.add(42.0, player, Set.of(SortedSetAddFlag.GT));
 * try (SortedSetRange top = scores.rangeByScore(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, true)) {
 *     while (top.hasNext()) ctx.reply(top.next().member());
 * }
 * }</pre>
 *
 * <p>Every method throws {@link ValkeyException} WRONGTYPE if the key holds something else.
 */
public interface SortedSetValue {
    /** The number of members; 0 for an empty key. */
    long size();

    /** Adds {@code member} with {@code score}, or updates its score. */
    default SortedSetAddResult add(double score, ValkeyString member) {
        return add(score, member, Set.of());
    }

    /**
     * Adds {@code member} with {@code score}, or updates its score, as {@code flags} allow.
     *
     * @throws ValkeyException ERR if the score is NaN, or the flags contradict each other (NX
     *     with XX, GT or LT)
     */
    SortedSetAddResult add(double score, ValkeyString member, Set<SortedSetAddFlag> flags);

    /**
     * Adds {@code delta} to the score of {@code member} (from 0 for a new member), and returns the
     * new score.
     *
     * @throws ValkeyException ERR if the delta is NaN or the new score would be
     */
    double incrementScore(ValkeyString member, double delta);

    /** Removes {@code member}; true if it was there. */
    boolean remove(ValkeyString member);

    /** The score of {@code member}, or null if it is not in the set. */
    @Nullable Double score(ValkeyString member);

    /**
     * The members whose scores are between {@code min} and {@code max} (each bound included unless
     * said exclusive; infinities allowed), lowest first, or highest first if {@code reverse}.
     */
    SortedSetRange rangeByScore(double min, boolean minExclusive, double max, boolean maxExclusive, boolean reverse);

    /** The members whose scores are between {@code min} and {@code max}, both included, lowest first. */
    default SortedSetRange rangeByScore(double min, double max) {
        return rangeByScore(min, false, max, false, false);
    }

    /**
     * The members between {@code min} and {@code max} in byte order, for a set whose members all
     * have the same score; bounds as ZRANGEBYLEX writes them: {@code [a} includes a, {@code (a}
     * excludes it, {@code -} and {@code +} are the ends. First to last, or last to first if
     * {@code reverse}.
     *
     * @throws ValkeyException ERR if a bound is not of that form
     */
    SortedSetRange rangeByLex(ValkeyString min, ValkeyString max, boolean reverse);
}
