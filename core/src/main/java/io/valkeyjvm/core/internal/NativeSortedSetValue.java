package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.ScoredMember;
import io.valkeyjvm.core.SortedSetAddFlag;
import io.valkeyjvm.core.SortedSetAddResult;
import io.valkeyjvm.core.SortedSetRange;
import io.valkeyjvm.core.SortedSetValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.RawMemory;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A sorted set view of a {@link NativeKey}. */
final class NativeSortedSetValue implements SortedSetValue {
    private final NativeKey key;

    NativeSortedSetValue(NativeKey key) {
        this.key = key;
        key.typed(KEYTYPE_ZSET);
    }

    @Override
    public long size() {
        long k = key.typed(KEYTYPE_ZSET);
        return k == 0 ? 0 : ValueLength(k);
    }

    @Override
    public SortedSetAddResult add(double score, ValkeyString member, Set<SortedSetAddFlag> flags) {
        if (Double.isNaN(score)) throw ValkeyException.error("value is not a valid float");
        boolean nx = flags.contains(SortedSetAddFlag.NX), xx = flags.contains(SortedSetAddFlag.XX);
        boolean gt = flags.contains(SortedSetAddFlag.GT), lt = flags.contains(SortedSetAddFlag.LT);
        if (nx && xx) throw ValkeyException.error("XX and NX options at the same time are not compatible");
        if ((gt && lt) || (nx && (gt || lt))) throw ValkeyException.error("GT, LT, and/or NX options at the same time are not compatible");
        int in = (nx ? ZADD_NX : 0) | (xx ? ZADD_XX : 0) | (gt ? ZADD_GT : 0) | (lt ? ZADD_LT : 0);
        long k = key.typedForWrite(KEYTYPE_ZSET);
        long flagsWord = RawMemory.scratch(8);
        RawMemory.putInt(flagsWord, in);
        if (key.owner().withServerString(member, (c, s) -> ZsetAdd(k, score, s, flagsWord)) != OK)
            throw new IllegalStateException("the server refused to add to the sorted set at '" + key.name() + "'");
        int out = RawMemory.getInt(flagsWord);
        if ((out & ZADD_ADDED) != 0) return SortedSetAddResult.ADDED;
        if ((out & ZADD_UPDATED) != 0) return SortedSetAddResult.UPDATED;
        if ((out & ZADD_NOP) != 0) return SortedSetAddResult.SKIPPED;
        return SortedSetAddResult.UNCHANGED;
    }

    @Override
    public double incrementScore(ValkeyString member, double delta) {
        if (Double.isNaN(delta)) throw ValkeyException.error("value is not a valid float");
        long k = key.typedForWrite(KEYTYPE_ZSET);
        long scratch = RawMemory.scratch(16);
        long newScore = scratch + 8;
        if (key.owner().withServerString(member, (c, s) -> ZsetIncrby(k, delta, s, scratch, newScore)) != OK)
            throw ValkeyException.error("resulting score is not a number (NaN)");
        return RawMemory.getDouble(newScore);
    }

    @Override
    public boolean remove(ValkeyString member) {
        long k = key.typedForWrite(KEYTYPE_ZSET);
        long deleted = RawMemory.scratch(8);
        if (key.owner().withServerString(member, (c, s) -> ZsetRem(k, s, deleted)) != OK)
            throw new IllegalStateException("the server refused to remove from the sorted set at '" + key.name() + "'");
        return RawMemory.getInt(deleted) != 0;
    }

    @Override
    public @Nullable Double score(ValkeyString member) {
        long k = key.typed(KEYTYPE_ZSET);
        if (k == 0 || KeyType(k) == KEYTYPE_EMPTY) return null;
        long score = RawMemory.scratch(8);
        if (key.owner().withServerString(member, (c, s) -> ZsetScore(k, s, score)) != OK) return null;
        return RawMemory.getDouble(score);
    }

    @Override
    public SortedSetRange rangeByScore(double min, boolean minExclusive, double max, boolean maxExclusive, boolean reverse) {
        if (Double.isNaN(min) || Double.isNaN(max)) throw ValkeyException.error("min or max is not a float");
        long k = key.typed(KEYTYPE_ZSET);
        if (k == 0 || KeyType(k) == KEYTYPE_EMPTY) return Range.EMPTY;
        Range range = new Range(key, k, reverse);
        int minex = minExclusive ? 1 : 0, maxex = maxExclusive ? 1 : 0;
        int started = reverse ? ZsetLastInScoreRange(k, min, max, minex, maxex) : ZsetFirstInScoreRange(k, min, max, minex, maxex);
        if (started != OK) range.end();
        return range;
    }

    @Override
    public SortedSetRange rangeByLex(ValkeyString min, ValkeyString max, boolean reverse) {
        if (!lexBound(min) || !lexBound(max)) throw ValkeyException.error("min or max not valid string range item");
        long k = key.typed(KEYTYPE_ZSET);
        if (k == 0 || KeyType(k) == KEYTYPE_EMPTY) return Range.EMPTY;
        Range range = new Range(key, k, reverse);
        long ctx = key.owner().live();
        long minString = KeyStrings.create(ctx, min), maxString = KeyStrings.create(ctx, max);
        try {
            int started = reverse ? ZsetLastInLexRange(k, minString, maxString) : ZsetFirstInLexRange(k, minString, maxString);
            if (started != OK) range.end();
        } finally {
            FreeString(ctx, minString);
            FreeString(ctx, maxString);
        }
        return range;
    }

    /** {@code -}, {@code +}, or {@code [} or {@code (} before a member, as ZRANGEBYLEX reads them. */
    private static boolean lexBound(ValkeyString bound) {
        if (bound.isEmpty()) return false;
        byte first = bound.byteAt(0);
        if (first == '-' || first == '+') return bound.length() == 1;
        return first == '[' || first == '(';
    }

    /** A range the server keeps in the key: the current element, then ZsetRangeNext or ZsetRangePrev. */
    private static final class Range extends KeyRange implements SortedSetRange {
        static final SortedSetRange EMPTY = new SortedSetRange() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public ScoredMember next() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {}
        };

        private final boolean reverse;

        Range(NativeKey key, long handle, boolean reverse) {
            super(key, handle);
            this.reverse = reverse;
        }

        @Override
        public boolean hasNext() {
            if (ended()) return false;
            checkKey();
            return ZsetRangeEndReached(handle) == 0;
        }

        @Override
        public ScoredMember next() {
            if (!hasNext()) throw new NoSuchElementException();
            long ctx = key.owner().live();
            long score = RawMemory.scratch(8);
            long element = ZsetRangeCurrentElement(handle, score);
            if (element == 0) {
                end();
                throw new NoSuchElementException();
            }
            ScoredMember member = new ScoredMember(KeyStrings.take(ctx, element), RawMemory.getDouble(score));
            if (reverse) ZsetRangePrev(handle);
            else ZsetRangeNext(handle);
            return member;
        }

        @Override
        void stop() {
            ZsetRangeStop(handle);
        }

        @Override
        public void close() {
            end();
        }
    }
}
