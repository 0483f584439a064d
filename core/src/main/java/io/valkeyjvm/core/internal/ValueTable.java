package io.valkeyjvm.core.internal;

import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The module's data type values, by handle: the server stores a handle in native memory and
 * the value stays here, on the heap, with the address of that native value (once known). Handles
 * are slot numbers plus one (0 is never a handle).
 */
final class ValueTable {
    /** A stored value and its type. */
    record Entry(RegisteredType type, Object value) {}

    private Entry[] entries = new Entry[64];
    private long[] nativeValues = new long[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int used;
    private int size;

    /** Stores a value whose native value is {@code nativeValue} (0: not made yet, see {@link #attach}); returns its handle. */
    synchronized long add(RegisteredType type, Object value, long nativeValue) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (used == entries.length) {
                // Grown together, so that remove never allocates: a free must not fail for lack of heap.
                int[] biggerFreeSlots = Arrays.copyOf(freeSlots, used * 2);
                long[] biggerNativeValues = Arrays.copyOf(nativeValues, used * 2);
                entries = Arrays.copyOf(entries, used * 2);
                nativeValues = biggerNativeValues;
                freeSlots = biggerFreeSlots;
            }
            slot = used++;
        }
        entries[slot] = new Entry(type, value);
        nativeValues[slot] = nativeValue;
        size++;
        return slot + 1L;
    }

    /** The native value made for the value of {@code handle}. */
    synchronized void attach(long handle, long nativeValue) {
        int slot = (int) handle - 1;
        if (slot >= 0 && slot < used && entries[slot] != null) nativeValues[slot] = nativeValue;
    }

    synchronized @Nullable Entry get(long handle) {
        int slot = (int) handle - 1;
        return slot >= 0 && slot < used ? entries[slot] : null;
    }

    /** True if {@code handle} still holds the value whose native value is {@code nativeValue} (neither freed nor replaced). */
    synchronized boolean holds(long handle, long nativeValue) {
        int slot = (int) handle - 1;
        return nativeValue != 0 && slot >= 0 && slot < used && entries[slot] != null && nativeValues[slot] == nativeValue;
    }

    /** Forgets a value; after this returns, {@link #forEachNativeValue} no longer reaches its native value. */
    synchronized @Nullable Entry remove(long handle) {
        Entry entry = get(handle);
        if (entry == null) return null;
        int slot = (int) handle - 1;
        entries[slot] = null;
        nativeValues[slot] = 0;
        freeSlots[freeCount++] = slot;
        size--;
        return entry;
    }

    /** Calls {@code action} with the native value of every value of a type {@code types} accepts, the table locked. */
    synchronized void forEachNativeValue(Predicate<RegisteredType> types, LongConsumer action) {
        for (int slot = 0; slot < used; slot++) {
            Entry entry = entries[slot];
            if (entry != null && nativeValues[slot] != 0 && types.test(entry.type())) action.accept(nativeValues[slot]);
        }
    }

    /** How many values are alive. */
    synchronized int size() {
        return size;
    }
}
