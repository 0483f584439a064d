package io.valkeyjvm.core.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The module's data type values, by handle: the server stores a handle in native memory and
 * the value stays here, on the heap. Handles are slot numbers plus one (0 is never a handle).
 */
final class ValueTable {
    /** A stored value and its type. */
    record Entry(RegisteredType type, Object value) {}

    private Entry[] entries = new Entry[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int used;
    private int size;

    synchronized long add(RegisteredType type, Object value) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (used == entries.length) {
                // Grown together, so that remove never allocates: a free must not fail for lack of heap.
                int[] biggerFreeSlots = Arrays.copyOf(freeSlots, used * 2);
                entries = Arrays.copyOf(entries, used * 2);
                freeSlots = biggerFreeSlots;
            }
            slot = used++;
        }
        entries[slot] = new Entry(type, value);
        size++;
        return slot + 1L;
    }

    synchronized @Nullable Entry get(long handle) {
        int slot = (int) handle - 1;
        return slot >= 0 && slot < used ? entries[slot] : null;
    }

    synchronized @Nullable Entry remove(long handle) {
        Entry entry = get(handle);
        if (entry == null) return null;
        int slot = (int) handle - 1;
        entries[slot] = null;
        freeSlots[freeCount++] = slot;
        size--;
        return entry;
    }

    /** How many values are alive. */
    synchronized int size() {
        return size;
    }
}
