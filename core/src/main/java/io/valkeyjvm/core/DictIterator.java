package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.NativeDict;
import io.valkeyjvm.core.internal.NativeResources;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A walk through a {@link ServerDictionary} in byte order, both ways, from where
 * {@link ServerDictionary#seek} placed it: {@link #nextEntry()} gives the entry after the current
 * one, {@link #previousEntry()} the one before (DictNext, DictPrev). It is also a plain
 * {@link Iterator} forwards, so {@code for ((key, value) in dict)} works in Kotlin.
 *
 * <p>Unlike the server's own iterator it survives changes to the dictionary: after a write, it
 * finds its place again from the last key it returned. It holds a little server memory while it
 * is in the middle of a walk, freed at the end of the walk, by {@link #close()}, or once it is
 * garbage.
 */
public final class DictIterator implements Iterator<Map.Entry<ValkeyString, ValkeyString>>, AutoCloseable {
    private final ServerDictionary dict;
    private DictSeek startOp;
    private ValkeyString startKey;
    private NativeResources.@Nullable Handle handle;
    private long seenModifications;
    private boolean needsPlace;
    private @Nullable ValkeyString current;
    private Map.@Nullable Entry<ValkeyString, ValkeyString> peeked;

    DictIterator(ServerDictionary dict, DictSeek op, ValkeyString key) {
        this.dict = dict;
        this.startOp = op;
        this.startKey = key;
    }

    /** The entry after the current one (the first one the seek found, at first), or null at the end. */
    public Map.@Nullable Entry<ValkeyString, ValkeyString> nextEntry() {
        synchronized (dict) {
            Map.Entry<ValkeyString, ValkeyString> entry = peeked;
            if (entry != null) peeked = null;
            else entry = step(false);
            if (entry != null) current = entry.getKey();
            return entry;
        }
    }

    /** The entry before the current one (the one the seek found, at first), or null at the start. */
    public Map.@Nullable Entry<ValkeyString, ValkeyString> previousEntry() {
        synchronized (dict) {
            if (peeked != null) {
                // hasNext moved the server's iterator one ahead of what the caller has seen
                peeked = null;
                needsPlace = true;
            }
            Map.Entry<ValkeyString, ValkeyString> entry = step(true);
            if (entry != null) current = entry.getKey();
            return entry;
        }
    }

    /** The key of the entry last returned, or null before the first. */
    public @Nullable ValkeyString current() {
        synchronized (dict) {
            return current;
        }
    }

    /**
     * True if the current key stands in relation {@code op} to {@code key} (DictCompare):
     * {@code it.currentIs(DictSeek.LESS_OR_EQUAL, end)}; false before the first entry.
     *
     * @throws IllegalArgumentException for {@link DictSeek#FIRST} and {@link DictSeek#LAST}
     */
    public boolean currentIs(DictSeek op, ValkeyString key) {
        ValkeyString at = current();
        if (op == DictSeek.FIRST || op == DictSeek.LAST)
            throw new IllegalArgumentException("'" + op.operator() + "' seeks, it does not compare: use > >= < <= ==");
        return at != null && op.holds(at, key);
    }

    /** Places the iterator again, as {@link ServerDictionary#seek} does (DictIteratorReseek). */
    public void reseek(DictSeek op, ValkeyString key) {
        synchronized (dict) {
            startOp = op;
            startKey = key;
            current = null;
            peeked = null;
            needsPlace = true;
        }
    }

    @Override
    public boolean hasNext() {
        synchronized (dict) {
            if (peeked == null) peeked = step(false);
            return peeked != null;
        }
    }

    @Override
    public Map.Entry<ValkeyString, ValkeyString> next() {
        Map.Entry<ValkeyString, ValkeyString> entry = nextEntry();
        if (entry == null) throw new NoSuchElementException("the dictionary has no more keys");
        return entry;
    }

    /** Removes the current key from the dictionary. */
    @Override
    public void remove() {
        synchronized (dict) {
            if (current == null) throw new IllegalStateException("no current entry: call next first");
            if (peeked != null) {
                peeked = null;
                needsPlace = true;
            }
            dict.remove(current);
        }
    }

    /** Frees the server's iterator; the walk can go on afterwards, from the current key. */
    @Override
    public void close() {
        synchronized (dict) {
            release();
            peeked = null;
        }
    }

    private void release() {
        if (handle != null) handle.release();
        handle = null;
    }

    private Map.@Nullable Entry<ValkeyString, ValkeyString> step(boolean previous) {
        if (dict.modifications() != seenModifications) {
            seenModifications = dict.modifications();
            needsPlace = true;
        }
        if (needsPlace || handle == null || handle.pointer() == 0) {
            release();
            NativeDict nativeDict = dict.nativeDict();
            handle = current != null
                    ? nativeDict.iterator(this, (previous ? DictSeek.LESS : DictSeek.GREATER).operator(), current)
                    : nativeDict.iterator(this, startOp.operator(), startKey);
            needsPlace = false;
            if (handle == null) return null;
        }
        byte[][] entry = NativeDict.step(handle.pointer(), previous);
        if (entry == null) {
            release();
            return null;
        }
        return new AbstractMap.SimpleImmutableEntry<>(NativeDict.string(entry[0]), NativeDict.string(entry[1]));
    }
}
