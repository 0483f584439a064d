package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.StreamEntry;
import io.valkeyjvm.core.StreamId;
import io.valkeyjvm.core.StreamRange;
import io.valkeyjvm.core.StreamValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.RawMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** A stream view of a {@link NativeKey}. */
final class NativeStreamValue implements StreamValue {
    private static final int EDOM = 33, EFBIG = 27, ERANGE = 34;

    private final NativeKey key;

    NativeStreamValue(NativeKey key) {
        this.key = key;
        key.typed(KEYTYPE_STREAM);
    }

    @Override
    public long size() {
        long k = key.typed(KEYTYPE_STREAM);
        return k == 0 ? 0 : ValueLength(k);
    }

    @Override
    public StreamId add(List<ValkeyString> fieldsAndValues) {
        return append(null, fieldsAndValues);
    }

    @Override
    public void add(StreamId id, List<ValkeyString> fieldsAndValues) {
        if (id.equals(StreamId.MIN)) throw ValkeyException.error("The ID specified in XADD must be greater than 0-0");
        append(id, fieldsAndValues);
    }

    private StreamId append(@Nullable StreamId id, List<ValkeyString> fieldsAndValues) {
        if (fieldsAndValues.size() % 2 != 0) throw ValkeyException.error("a stream entry needs a value for each field");
        long k = key.typedForWrite(KEYTYPE_STREAM);
        long ctx = key.owner().live();
        int n = fieldsAndValues.size();
        long bytes = 16 + 8L * n;
        boolean scratch = bytes <= RawMemory.scratchBytes();
        long block = scratch ? RawMemory.scratch((int) bytes) : Alloc(bytes);
        long idStruct = block, argv = block + 16;
        long[] strings = new long[n];
        try {
            if (id != null) {
                RawMemory.putLong(idStruct, id.ms());
                RawMemory.putLong(idStruct + 8, id.seq());
            }
            for (int i = 0; i < n; i++) {
                strings[i] = KeyStrings.create(ctx, fieldsAndValues.get(i));
                RawMemory.putLong(argv + 8L * i, strings[i]);
            }
            if (StreamAdd(k, id == null ? STREAM_ADD_AUTOID : 0, idStruct, argv, n / 2) != OK) {
                int errno = RawMemory.lastErrno();
                if (errno == EDOM) throw ValkeyException.error("The ID specified in XADD is equal or smaller than the target stream top item");
                if (errno == EFBIG) throw ValkeyException.error("The stream has exhausted the last possible ID, unable to add more items");
                if (errno == ERANGE) throw ValkeyException.error("Elements are too large to be stored");
                throw new IllegalStateException("the server refused to add to the stream at '" + key.name() + "' (errno " + errno + ")");
            }
            return new StreamId(RawMemory.getLong(idStruct), RawMemory.getLong(idStruct + 8));
        } finally {
            for (long s : strings) if (s != 0) FreeString(ctx, s);
            if (!scratch) Free(block);
        }
    }

    @Override
    public boolean delete(StreamId id) {
        long k = key.typedForWrite(KEYTYPE_STREAM);
        if (KeyType(k) == KEYTYPE_EMPTY) return false;
        long idStruct = idStruct(id);
        return StreamDelete(k, idStruct) == OK;
    }

    private static long idStruct(StreamId id) {
        long idStruct = RawMemory.scratch(16);
        RawMemory.putLong(idStruct, id.ms());
        RawMemory.putLong(idStruct + 8, id.seq());
        return idStruct;
    }

    @Override
    public StreamRange range(@Nullable StreamId start, @Nullable StreamId end, boolean exclusive, boolean reverse) {
        long k = key.typed(KEYTYPE_STREAM);
        if (k == 0 || KeyType(k) == KEYTYPE_EMPTY) return Range.EMPTY;
        Range range = new Range(key, k);
        long ids = RawMemory.scratch(32);
        if (start != null) {
            RawMemory.putLong(ids, start.ms());
            RawMemory.putLong(ids + 8, start.seq());
        }
        if (end != null) {
            RawMemory.putLong(ids + 16, end.ms());
            RawMemory.putLong(ids + 24, end.seq());
        }
        int flags = (exclusive ? STREAM_ITERATOR_EXCLUSIVE : 0) | (reverse ? STREAM_ITERATOR_REVERSE : 0);
        if (StreamIteratorStart(k, flags, start == null ? 0 : ids, end == null ? 0 : ids + 16) != OK) range.end();
        return range;
    }

    @Override
    public long trimByLength(long maxLength, boolean approximate) {
        if (maxLength < 0) throw ValkeyException.error("a stream's length cannot be negative");
        long k = key.typedForWrite(KEYTYPE_STREAM);
        if (KeyType(k) == KEYTYPE_EMPTY) return 0;
        return trimmed(StreamTrimByLength(k, approximate ? STREAM_TRIM_APPROX : 0, maxLength));
    }

    @Override
    public long trimById(StreamId minId, boolean approximate) {
        long k = key.typedForWrite(KEYTYPE_STREAM);
        if (KeyType(k) == KEYTYPE_EMPTY) return 0;
        return trimmed(StreamTrimByID(k, approximate ? STREAM_TRIM_APPROX : 0, idStruct(minId)));
    }

    private long trimmed(long result) {
        if (result < 0) throw new IllegalStateException("the server refused to trim the stream at '" + key.name() + "'");
        return result;
    }

    /** The server's stream iterator in the key: NextID, then each entry's fields with NextField. */
    private static final class Range extends KeyRange implements StreamRange {
        static final StreamRange EMPTY = new StreamRange() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public StreamEntry next() {
                throw new NoSuchElementException();
            }

            @Override
            public void deleteCurrent() {
                throw new IllegalStateException("the range has no current entry");
            }

            @Override
            public void close() {}
        };

        /** The entry read ahead by hasNext, or null. */
        private @Nullable StreamEntry ahead;
        /** Whether next() returned an entry that deleteCurrent may still delete, or that it deleted. */
        private boolean current, deleted;

        Range(NativeKey key, long handle) {
            super(key, handle);
        }

        @Override
        public boolean hasNext() {
            if (ahead != null) return true;
            if (ended()) return false;
            checkKey();
            long ctx = key.owner().live();
            long scratch = RawMemory.scratch(32);
            long id = scratch, numFields = scratch + 16;
            if (StreamIteratorNextID(handle, id, numFields) != OK) {
                current = false;
                return false;
            }
            StreamId entryId = new StreamId(RawMemory.getLong(id), RawMemory.getLong(id + 8));
            long count = RawMemory.getLong(numFields);
            List<StreamEntry.Field> fields = new ArrayList<>((int) Math.min(count, 1024));
            long pair = RawMemory.scratch(16);
            for (long i = 0; i < count; i++) {
                if (StreamIteratorNextField(handle, pair, pair + 8) != OK) break;
                long field = RawMemory.getLong(pair), value = RawMemory.getLong(pair + 8);
                fields.add(new StreamEntry.Field(KeyStrings.take(ctx, field), KeyStrings.take(ctx, value)));
            }
            ahead = new StreamEntry(entryId, List.copyOf(fields));
            current = false;
            deleted = false;
            return true;
        }

        @Override
        public StreamEntry next() {
            if (!hasNext()) throw new NoSuchElementException();
            StreamEntry entry = ahead;
            ahead = null;
            current = true;
            deleted = false;
            return entry;
        }

        @Override
        public void deleteCurrent() {
            if (ended()) throw new IllegalStateException("the range has ended");
            if (deleted) throw new IllegalStateException("the current entry is deleted already");
            if (!current) throw new IllegalStateException("the range has no current entry: call next() first (and not hasNext() after it)");
            if (!key.isWritable()) throw new IllegalStateException("key '" + key.name() + "' was opened for reading; use openKeyForWrite");
            checkKey();
            if (StreamIteratorDelete(handle) != OK) throw new IllegalStateException("the server refused to delete the current entry");
            current = false;
            deleted = true;
        }

        @Override
        void stop() {
            StreamIteratorStop(handle);
        }

        @Override
        public void close() {
            end();
        }
    }
}
