package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.NativeDict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A sorted map of binary-safe strings kept in the server's own memory: the module API's
 * dictionary (CreateDict, a radix tree), its keys in byte order, its values server strings. What
 * it holds counts in the server's {@code used_memory} and {@code maxmemory}, not in the JVM heap,
 * and it does not slow the garbage collector however big it grows. Iterators seek with the
 * server's operators ({@link DictSeek}: {@code ^ $ > >= < <= ==}) and walk both ways.
 *
 * <pre>{@code
 * ServerDictionary dict = new ServerDictionary();        // module-wide, e.g. a static field
 * dict.put(ValkeyString.of("b"), ValkeyString.of("2"));
 * try (DictIterator it = dict.seek(DictSeek.GREATER_OR_EQUAL, ValkeyString.of("a"))) {
 *     for (Map.Entry<ValkeyString, ValkeyString> e = it.nextEntry(); e != null; e = it.nextEntry()) { ... }
 * }
 * }</pre>
 *
 * <p>For values that are Java objects, a {@code java.util.TreeMap<ValkeyString, V>} keeps the
 * same order ({@link ValkeyString#compareTo} is byte order) on the heap; this class is for data
 * that belongs with the dataset. It is safe to use from any thread (each method holds the
 * dictionary's lock), and its iterators stay valid while it changes: they go on from the last
 * key they returned. The server memory is freed by {@link #close()}, or once the dictionary is
 * garbage, and at the latest when the module unloads; it is only made at the first write, so a
 * dictionary may be created when the module's classes load.
 */
public final class ServerDictionary implements Iterable<Map.Entry<ValkeyString, ValkeyString>>, AutoCloseable {
    private final NativeDict dict = new NativeDict(this);
    /** Changes with every write, so iterators know to find their place again. */
    private long modifications;

    /** An empty dictionary. */
    public ServerDictionary() {}

    /** The value stored under {@code key} (a copy), or null. */
    public synchronized @Nullable ValkeyString get(ValkeyString key) {
        return dict.get(key);
    }

    /** True if {@code key} is in the dictionary. */
    public synchronized boolean containsKey(ValkeyString key) {
        return dict.get(key) != null;
    }

    /**
     * Stores {@code value} under {@code key}, replacing any value there (DictReplace); true if the
     * key is new, false if it replaced a value.
     */
    public synchronized boolean put(ValkeyString key, ValkeyString value) {
        boolean added = dict.set(key, value, true);
        modifications++;
        return added;
    }

    /** Stores {@code value} under {@code key} unless the key is there already (DictSet); true if stored. */
    public synchronized boolean putIfAbsent(ValkeyString key, ValkeyString value) {
        boolean added = dict.set(key, value, false);
        if (added) modifications++;
        return added;
    }

    /** Removes {@code key} and its value (DictDel); true if it was there. */
    public synchronized boolean remove(ValkeyString key) {
        boolean removed = dict.delete(key);
        if (removed) modifications++;
        return removed;
    }

    /** The number of keys (DictSize). */
    public synchronized long size() {
        return dict.size();
    }

    /** True if there are no keys. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * The server memory of the dictionary's structure, keys included (MallocSizeDict; the values
     * are server strings of their length plus a small header each).
     *
     * @throws UnsupportedOperationException on a server older than 7.0
     */
    public synchronized long memoryUsage() {
        return dict.memoryUsage();
    }

    /** Removes everything, freeing the server memory. */
    public synchronized void clear() {
        dict.free();
        modifications++;
    }

    /** Frees the server memory; the dictionary is then empty, and usable again. */
    @Override
    public void close() {
        clear();
    }

    /** An iterator from the first key on. */
    @Override
    public DictIterator iterator() {
        return seek(DictSeek.FIRST, ValkeyString.of(""));
    }

    /**
     * An iterator placed by {@code op} and {@code key} (DictIteratorStart): with
     * {@link DictSeek#GREATER_OR_EQUAL} and {@code "b"}, {@link DictIterator#nextEntry()} returns
     * the first key from {@code "b"} on, {@link DictIterator#previousEntry()} that same key first,
     * then the ones before it.
     */
    public DictIterator seek(DictSeek op, ValkeyString key) {
        return new DictIterator(this, op, key);
    }

    /**
     * Up to {@code limit} entries with keys from {@code from} to {@code to}, both included, in
     * order (the HELLODICT.KEYRANGE walk: seek {@code >= from}, stop past {@code <= to}).
     */
    public List<Map.Entry<ValkeyString, ValkeyString>> range(ValkeyString from, ValkeyString to, long limit) {
        List<Map.Entry<ValkeyString, ValkeyString>> entries = new ArrayList<>();
        try (DictIterator it = seek(DictSeek.GREATER_OR_EQUAL, from)) {
            for (Map.Entry<ValkeyString, ValkeyString> e = it.nextEntry(); e != null && entries.size() < limit; e = it.nextEntry()) {
                if (!it.currentIs(DictSeek.LESS_OR_EQUAL, to)) break;
                entries.add(e);
            }
        }
        return entries;
    }

    NativeDict nativeDict() {
        return dict;
    }

    long modifications() {
        return modifications;
    }
}
