package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.*;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.ERR;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.AuxWhen;
import io.valkeyjvm.core.DataType;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.raw.NativeAccess;
import java.util.List;

/**
 * The module's data types: registering them, their values, and the server's callbacks for them,
 * which arrive through {@link LoaderEntry} (never in a fork child). Every callback catches
 * everything; failures go to the server log.
 */
final class DataTypeHost {

    private static volatile RegisteredType[] types = new RegisteredType[0];
    private static final ValueTable values = new ValueTable();

    private DataTypeHost() {}

    /** How many recordings ran (record, on the main thread): a key that handed out a value compares it at its close. */
    private static volatile long recordings;

    /** The count of recordings so far, for {@link #markAgainIfRecorded}. */
    static long recordings() {
        return recordings;
    }

    /**
     * At the close of a writable key that handed out a value, marked dirty when it did: if a recording ran
     * since (a save on the spot within the command: call() of DUMP, MEMORY USAGE or BGSAVE, which records
     * the value and clears its mark), the value may have changed after it, so it is marked again, provided it
     * is still that value (not freed or replaced meanwhile).
     */
    static void markAgainIfRecorded(long handle, long nativeValue, long recordingsWhenMarked) {
        if (recordings == recordingsWhenMarked || !values.holds(handle, nativeValue)) return;
        NativeAccess.markDirty(nativeValue);
        DirtyRecording.changed();
    }

    /** Registers the module's types during OnLoad. */
    @SuppressWarnings("unchecked")
    static void register(long ctx, String module, List<DataType<?>> definitions) throws LoadFailure {
        if (definitions.isEmpty()) return;
        if (definitions.size() > MAX_DATA_TYPES)
            throw new LoadFailure("module '" + module + "' declares " + definitions.size() + " data types; a JVM module can have at most " + MAX_DATA_TYPES);
        RegisteredType[] registered = new RegisteredType[definitions.size()];
        for (int i = 0; i < registered.length; i++) {
            DataType<Object> type = (DataType<Object>) definitions.get(i);
            int auxTriggers = type.auxWhen().stream().mapToInt(AuxWhen::serverValue).reduce(0, (a, b) -> a | b);
            long serverType = NativeAccess.createDataType(ctx, i, type.name(), type.encodingVersion(), features(type), auxTriggers);
            if (serverType == 0)
                throw new LoadFailure("data type '" + type.name() + "' could not be registered: another loaded module has a type"
                        + " of that name (type names are server-wide); rename it");
            registered[i] = new RegisteredType(type, i, serverType);
        }
        types = registered;
    }

    private static int features(DataType<?> type) {
        return (type.aofRewriter() != null ? TYPE_AOF : 0) | (type.memoryUsage() != null ? TYPE_MEM_USAGE : 0)
                | (type.digester() != null ? TYPE_DIGEST : 0) | (type.copier() != null ? TYPE_COPY : 0)
                | (type.unlinker() != null ? TYPE_UNLINK : 0) | (type.freeEffort() != null ? TYPE_FREE_EFFORT : 0)
                | (type.auxSaver() != null ? TYPE_AUX : 0);
    }

    /** The registered form of {@code type}. */
    static RegisteredType registered(DataType<?> type) {
        for (RegisteredType candidate : types) {
            if (candidate.definition() == type) return candidate;
        }
        throw new IllegalArgumentException(type + " is not a data type of this module: add it with dataType(...) in the module declaration");
    }

    /** Stores a new value; returns its native value, owned by the server once set on a key. */
    static long newNativeValue(RegisteredType type, Object value) {
        if (!type.definition().valueClass().isInstance(value))
            throw new IllegalArgumentException(type.definition() + " holds " + type.definition().valueClass().getName()
                    + ", not " + value.getClass().getName());
        long handle = values.add(type, value, 0);
        long nativeValue = NativeAccess.newValue(type.index(), handle);
        values.attach(handle, nativeValue);
        return nativeValue;
    }

    /**
     * Marks every value of a type with an aofRewrite to be recorded again (in slices), as when
     * their AOF form becomes wanted or unwanted. Main thread.
     */
    static void recordAllWithAofForms() {
        values.forEachNativeValue(type -> type.definition().aofRewriter() != null, NativeAccess::markDirty);
        DirtyRecording.changed();
    }

    /** The value of a handle (a native value's, NativeAccess.valueHandle). */
    static Object valueAt(long handle) {
        ValueTable.Entry entry = values.get(handle);
        if (entry == null) throw new IllegalStateException("a module value has no Java value (it was freed)");
        return entry.value();
    }

    /** How many values are alive, for INFO. */
    static int liveValues() {
        return values.size();
    }

    /** A failed callback, through the one limit on repeated failures (saves of many values can fail alike). */
    private static void log(String what, Throwable t) {
        FailureLog.warn(what, FailureLog.threw(t), () -> "valkey-jvm: " + ModuleRuntime.who(what) + " threw " + t,
                line -> Log(0, "warning", line));
    }

    /** rdb_load: returns the new value's handle, or 0 to fail the load. */
    static long load(int typeIndex, long io, int encodingVersion, long nativeValue) {
        RegisteredType type = types[typeIndex];
        DataType<Object> definition = type.definition();
        if (encodingVersion > definition.encodingVersion()) {
            LogIOError(io, "warning", "valkey-jvm: data type '" + definition.name() + "': a value was saved with encoding version "
                    + encodingVersion + ", newer than this module's " + definition.encodingVersion() + "; load it with a newer module");
            return 0;
        }
        NativeRdbInput in = new NativeRdbInput(io);
        try {
            Object value = definition.loader().load(in, encodingVersion);
            if (value == null) throw new ValkeyException("load returned null");
            long handle = values.add(type, value, nativeValue);
            // Its tape is recorded in slices once the load is over (timers wait for it), not all at the first fork.
            DirtyRecording.changed();
            return handle;
        } catch (OutOfMemoryError e) {
            LogIOError(io, "warning", "valkey-jvm: data type '" + definition.name() + "': loading a value failed: the JVM heap is full ("
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give it more with 'jvm-option -Xmx<size>' on the module's"
                    + " loadmodule line, sized for the module's values plus headroom");
            return 0;
        } catch (Throwable t) {
            LogIOError(io, "warning", "valkey-jvm: data type '" + definition.name() + "': loading a value failed: " + t);
            return 0;
        } finally {
            in.invalidate();
        }
    }

    /**
     * Runs save (and aofRewrite, when its form is wanted) and streams the tape into the loader's {@code sink}; false if
     * the code threw. Recording needs only a small buffer on the heap, whatever the value's size.
     */
    static boolean record(long handle, long sink) {
        recordings++; // main thread only; read by keys under the server's lock
        ValueTable.Entry entry = values.get(handle);
        if (entry == null) return false;
        DataType<Object> definition = entry.type().definition();
        try {
            TapeRecorder recorder = new TapeRecorder(sink);
            definition.saver().save(recorder, entry.value());
            if (recorder.endSave() && definition.aofRewriter() != null) definition.aofRewriter().rewrite(recorder, entry.value());
            recorder.finish();
            return true;
        } catch (Throwable t) {
            log("data type '" + definition.name() + "': save", t);
            return false;
        }
    }

    /** digest. */
    static void digest(long handle, long md) {
        ValueTable.Entry entry = values.get(handle);
        if (entry == null || entry.type().definition().digester() == null) return;
        NativeDigest digest = new NativeDigest(md);
        try {
            entry.type().definition().digester().digest(digest, entry.value());
            digest.finish();
        } catch (Throwable t) {
            log("data type '" + entry.type().definition().name() + "': digest", t);
        } finally {
            digest.invalidate();
        }
    }

    /** mem_usage: bytes, or -1 if unknown. */
    static long memoryUsage(long handle) {
        ValueTable.Entry entry = values.get(handle);
        if (entry == null || entry.type().definition().memoryUsage() == null) return -1;
        try {
            return entry.type().definition().memoryUsage().applyAsLong(entry.value());
        } catch (Throwable t) {
            log("data type '" + entry.type().definition().name() + "': memoryUsage", t);
            return -1;
        }
    }

    /** free_effort. */
    static long freeEffort(long handle) {
        ValueTable.Entry entry = values.get(handle);
        if (entry == null || entry.type().definition().freeEffort() == null) return 1;
        try {
            return entry.type().definition().freeEffort().applyAsLong(entry.value());
        } catch (Throwable t) {
            log("data type '" + entry.type().definition().name() + "': freeEffort", t);
            return 1;
        }
    }

    /** unlink. */
    static void unlink(long handle) {
        ValueTable.Entry entry = values.get(handle);
        if (entry == null || entry.type().definition().unlinker() == null) return;
        try {
            entry.type().definition().unlinker().accept(entry.value());
        } catch (Throwable t) {
            log("data type '" + entry.type().definition().name() + "': unlink", t);
        }
    }

    /** copy: the copy's handle, or 0 to make COPY fail. */
    static long copy(long handle, long nativeValue) {
        ValueTable.Entry entry = values.get(handle);
        if (entry == null || entry.type().definition().copier() == null) return 0;
        try {
            Object copy = entry.type().definition().copier().apply(entry.value());
            if (copy == null) return 0;
            DirtyRecording.changed();
            return values.add(entry.type(), copy, nativeValue);
        } catch (Throwable t) {
            log("data type '" + entry.type().definition().name() + "': copy", t);
            return 0;
        }
    }

    /**
     * A value the server freed, on the thread it freed it on: the main thread or the server's
     * lazy-free thread. The value leaves the table first, which allocates nothing, so no failure
     * can strand it.
     */
    static void free(long handle) {
        ValueTable.Entry entry = values.remove(handle);
        if (entry == null || entry.type().definition().freer() == null) return;
        try {
            entry.type().definition().freer().accept(entry.value());
        } catch (Throwable t) {
            log("data type '" + entry.type().definition().name() + "': free", t);
        }
    }

    /** aux_load: 0 on success, 1 to fail the load. */
    static int auxLoad(int typeIndex, long io, int encodingVersion, int when) {
        DataType<Object> definition = types[typeIndex].definition();
        if (definition.auxLoader() == null) return ERR;
        NativeRdbInput in = new NativeRdbInput(io);
        try {
            definition.auxLoader().load(in, encodingVersion, AuxWhen.of(when));
            return OK;
        } catch (Throwable t) {
            LogIOError(io, "warning", "valkey-jvm: data type '" + definition.name() + "': loading aux data failed: " + t);
            return ERR;
        } finally {
            in.invalidate();
        }
    }

    /** Runs auxSave for {@code when} and streams its records into the loader's {@code sink}; false if the code threw. */
    static boolean auxRecord(int typeIndex, int when, long sink) {
        DataType<Object> definition = types[typeIndex].definition();
        try {
            TapeRecorder recorder = new TapeRecorder(sink);
            if (definition.auxSaver() != null && definition.auxWhen().contains(AuxWhen.of(when)))
                definition.auxSaver().save(recorder, AuxWhen.of(when));
            recorder.finish();
            return true;
        } catch (Throwable t) {
            log("data type '" + definition.name() + "': auxSave", t);
            return false;
        }
    }
}
