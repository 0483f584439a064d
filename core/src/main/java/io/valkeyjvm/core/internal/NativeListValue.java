package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.KEYTYPE_LIST;
import static io.valkeyjvm.raw.ValkeyModuleConstants.LIST_HEAD;
import static io.valkeyjvm.raw.ValkeyModuleConstants.LIST_TAIL;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.ListValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** A list view of a {@link NativeKey}; the type is checked at every call, as the key may change. */
final class NativeListValue implements ListValue {
    private final NativeKey key;

    NativeListValue(NativeKey key) {
        this.key = key;
        key.typed(KEYTYPE_LIST);
    }

    @Override
    public long size() {
        long k = key.typed(KEYTYPE_LIST);
        return k == 0 ? 0 : ValueLength(k);
    }

    @Override
    public void pushFirst(ValkeyString value) {
        push(LIST_HEAD, value);
    }

    @Override
    public void pushLast(ValkeyString value) {
        push(LIST_TAIL, value);
    }

    private void push(int where, ValkeyString value) {
        long k = key.typedForWrite(KEYTYPE_LIST);
        if (key.owner().withServerString(value, (c, s) -> ListPush(k, where, s)) != OK)
            throw new IllegalStateException("the server refused to push to the list at '" + key.name() + "'");
    }

    @Override
    public @Nullable ValkeyString popFirst() {
        return pop(LIST_HEAD);
    }

    @Override
    public @Nullable ValkeyString popLast() {
        return pop(LIST_TAIL);
    }

    private @Nullable ValkeyString pop(int where) {
        long k = key.typedForWrite(KEYTYPE_LIST);
        if (ValueLength(k) == 0) return null;
        long element = ListPop(k, where);
        return element == 0 ? null : KeyStrings.take(key.owner().live(), element);
    }

    @Override
    public ValkeyString get(long index) {
        long k = key.typed(KEYTYPE_LIST);
        inBounds(k, index);
        long element = ListGet(k, index);
        if (element == 0) throw outOfBounds();
        return KeyStrings.take(key.owner().live(), element);
    }

    @Override
    public void set(long index, ValkeyString value) {
        long k = key.typedForWrite(KEYTYPE_LIST);
        inBounds(k, index);
        if (key.owner().withServerString(value, (c, s) -> ListSet(k, index, s)) != OK) throw outOfBounds();
    }

    @Override
    public void insert(long index, ValkeyString value) {
        long k = key.typedForWrite(KEYTYPE_LIST);
        long size = ValueLength(k);
        if (index > size || index < -size - 1) throw outOfBounds();
        if (key.owner().withServerString(value, (c, s) -> ListInsert(k, index, s)) != OK) throw outOfBounds();
    }

    @Override
    public void delete(long index) {
        long k = key.typedForWrite(KEYTYPE_LIST);
        inBounds(k, index);
        if (ListDelete(k, index) != OK) throw outOfBounds();
    }

    private static void inBounds(long k, long index) {
        long size = k == 0 ? 0 : ValueLength(k);
        if (index >= size || index < -size) throw outOfBounds();
    }

    private static ValkeyException outOfBounds() {
        return ValkeyException.error("index out of bounds");
    }

    /** Reads by index: the server keeps an iterator in the key, so each step is cheap. */
    @Override
    public Iterator<ValkeyString> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public ValkeyString next() {
                if (!hasNext()) throw new NoSuchElementException();
                return get(next++);
            }
        };
    }
}
