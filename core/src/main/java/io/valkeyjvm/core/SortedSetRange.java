package io.valkeyjvm.core;

import java.util.Iterator;

/**
 * A walk over part of a sorted set, from {@link SortedSetValue#rangeByScore} or
 * {@link SortedSetValue#rangeByLex}, in the direction asked for. A key has one range at a time:
 * starting another, or closing the key, ends this one (then {@link #hasNext()} is false); so does
 * any write through an open key, or a {@link ServerAccess#call}, since the range points into the
 * value. Kotlin reads it with {@code asSequence()}.
 */
public interface SortedSetRange extends Iterator<ScoredMember>, AutoCloseable {
    /** Ends the range early; the key's close does it otherwise. */
    @Override
    void close();
}
