package io.valkeyjvm.core;

import java.util.Iterator;

/**
 * A walk over the entries of a stream between two IDs, from {@link StreamValue#range}, in the
 * direction asked for. A key has one range at a time: starting another, or closing the key, ends
 * this one (then {@link #hasNext()} is false); so does any write through an open key other than
 * {@link #deleteCurrent()}, or a {@link ServerAccess#call}, since the range points into the
 * value. Kotlin reads it with {@code asSequence()}.
 */
public interface StreamRange extends Iterator<StreamEntry>, AutoCloseable {
    /**
     * Deletes the entry {@link #next()} returned last (StreamIteratorDelete); the walk goes on
     * after it. Needs a key opened for write.
     *
     * @throws IllegalStateException if there is no such entry, or it was deleted already
     */
    void deleteCurrent();

    /** Ends the range early; the key's close does it otherwise. */
    @Override
    void close();
}
