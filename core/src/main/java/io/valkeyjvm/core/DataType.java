package io.valkeyjvm.core;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A module data type: how its values of class {@code V} are saved, loaded, measured, digested,
 * rewritten to the AOF, copied and freed. Declare it once, add it to the module, and use it as
 * the typed handle for {@link Key#value}, {@link Key#set} and {@link Key#update}.
 *
 * <p>Values live on the Java heap. What {@code save} writes (and what {@code aofRewrite} emits,
 * while {@code appendonly yes} and {@code aof-use-rdb-preamble no}, the only case a rewrite reads
 * it) is recorded into native memory whenever a value may have changed, and a fork child (BGSAVE, BGREWRITEAOF,
 * full sync to a replica) replays that record: the JVM is never entered there, and the RDB bytes
 * are exactly what {@code save} wrote. {@code free} runs when the server frees the value, on the
 * thread it frees it on: the main thread, or its lazy-free thread (FLUSHALL ASYNC, UNLINK of a
 * large value, a replica's flush before a full resync), as for a module in C; so it must not
 * touch state that commands use without synchronization.
 *
 * <p>Without {@code aofRewrite}, an AOF rewrite without the RDB preamble writes each value as a
 * {@code RESTORE key 0 <payload>} command, the payload being the value's saved form exactly as
 * {@code DUMP} would give it, so loading the AOF runs {@code load}. With {@code aofRewrite}, the
 * commands it emits are written instead (and the AOF then does not depend on the encoding); when
 * those two configs change at run time, values are recorded again in slices, and a rewrite before
 * that is done writes the values not yet recorded as {@code RESTORE}.
 *
 * <pre>{@code
 * DataType<Counter> COUNTER = DataType.builder("counter-1", 0, Counter.class)
 *     .save((out, c) -> out.writeSigned(c.n))
 *     .load((in, encver) -> new Counter(in.readSigned()))
 *     .build();
 * }</pre>
 *
 * @param <V> the class of the values
 */
public final class DataType<V> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{9}");
    private static final int MAX_ENCODING_VERSION = 1023;

    /** Saves a value. */
    @FunctionalInterface
    public interface Saver<V> {
        /** Writes {@code value} to {@code out}. */
        void save(RdbOutput out, V value) throws Exception;
    }

    /** Loads a value. */
    @FunctionalInterface
    public interface Loader<V> {
        /** Reads a value written by {@link Saver} at {@code encodingVersion}. */
        V load(RdbInput in, int encodingVersion) throws Exception;
    }

    /** Feeds a value to DEBUG DIGEST. */
    @FunctionalInterface
    public interface Digester<V> {
        /** Adds {@code value}'s elements to {@code digest}. */
        void digest(Digest digest, V value) throws Exception;
    }

    /** Rewrites a value as commands for the AOF. */
    @FunctionalInterface
    public interface AofRewriter<V> {
        /** Emits the commands that rebuild {@code value} at the key ({@link AofOutput#KEY}). */
        void rewrite(AofOutput out, V value) throws Exception;
    }

    /** Saves module-wide data beside the keyspace. */
    @FunctionalInterface
    public interface AuxSaver {
        /** Writes the module's data for {@code when}. */
        void save(RdbOutput out, AuxWhen when) throws Exception;
    }

    /** Loads module-wide data. */
    @FunctionalInterface
    public interface AuxLoader {
        /** Reads what {@link AuxSaver} wrote for {@code when}. */
        void load(RdbInput in, int encodingVersion, AuxWhen when) throws Exception;
    }

    private final String name;
    private final int encodingVersion;
    private final Class<V> valueClass;
    private final Saver<V> saver;
    private final Loader<V> loader;
    private final @Nullable ToLongFunction<V> memoryUsage;
    private final @Nullable Digester<V> digester;
    private final @Nullable AofRewriter<V> aofRewriter;
    private final @Nullable UnaryOperator<V> copier;
    private final @Nullable Consumer<V> unlinker;
    private final @Nullable ToLongFunction<V> freeEffort;
    private final @Nullable Consumer<V> freer;
    private final @Nullable AuxSaver auxSaver;
    private final @Nullable AuxLoader auxLoader;
    private final Set<AuxWhen> auxWhen;

    private DataType(Builder<V> b, Saver<V> saver, Loader<V> loader) {
        this.name = b.name;
        this.encodingVersion = b.encodingVersion;
        this.valueClass = b.valueClass;
        this.saver = saver;
        this.loader = loader;
        this.memoryUsage = b.memoryUsage;
        this.digester = b.digester;
        this.aofRewriter = b.aofRewriter;
        this.copier = b.copier;
        this.unlinker = b.unlinker;
        this.freeEffort = b.freeEffort;
        this.freer = b.freer;
        this.auxSaver = b.auxSaver;
        this.auxLoader = b.auxLoader;
        this.auxWhen = Set.copyOf(b.auxWhen);
    }

    /**
     * Starts describing a type. The server's rules: the name is exactly 9 characters from
     * {@code A-Z a-z 0-9 - _}, unique in the server; the encoding version is 0 to 1023.
     */
    public static <V> Builder<V> builder(String name, int encodingVersion, Class<V> valueClass) {
        return new Builder<>(name, encodingVersion, valueClass);
    }

    /** The 9-character type name stored in RDB files. */
    public String name() {
        return name;
    }

    /** The encoding version that {@code save} writes; {@code load} gets the version a value was saved with. */
    public int encodingVersion() {
        return encodingVersion;
    }

    /** The class of the values. */
    public Class<V> valueClass() {
        return valueClass;
    }

    /** The save code. */
    public Saver<V> saver() {
        return saver;
    }

    /** The load code. */
    public Loader<V> loader() {
        return loader;
    }

    /** The memory-usage estimate, if declared. */
    public @Nullable ToLongFunction<V> memoryUsage() {
        return memoryUsage;
    }

    /** The digest code, if declared. */
    public @Nullable Digester<V> digester() {
        return digester;
    }

    /** The AOF rewrite code, if declared. */
    public @Nullable AofRewriter<V> aofRewriter() {
        return aofRewriter;
    }

    /** The copy code (COPY), if declared. */
    public @Nullable UnaryOperator<V> copier() {
        return copier;
    }

    /** The unlink code, if declared. */
    public @Nullable Consumer<V> unlinker() {
        return unlinker;
    }

    /** The free-effort estimate, if declared. */
    public @Nullable ToLongFunction<V> freeEffort() {
        return freeEffort;
    }

    /** The free code, if declared. */
    public @Nullable Consumer<V> freer() {
        return freer;
    }

    /** The aux save code, if declared. */
    public @Nullable AuxSaver auxSaver() {
        return auxSaver;
    }

    /** The aux load code, if declared. */
    public @Nullable AuxLoader auxLoader() {
        return auxLoader;
    }

    /** When aux data is saved. */
    public Set<AuxWhen> auxWhen() {
        return auxWhen;
    }

    @Override
    public String toString() {
        return "DataType(" + name + ", encoding version " + encodingVersion + ")";
    }

    /** Builds a {@link DataType}; {@link #build()} checks it. */
    public static final class Builder<V> {
        private final String name;
        private final int encodingVersion;
        private final Class<V> valueClass;
        private @Nullable Saver<V> saver;
        private @Nullable Loader<V> loader;
        private @Nullable ToLongFunction<V> memoryUsage;
        private @Nullable Digester<V> digester;
        private @Nullable AofRewriter<V> aofRewriter;
        private @Nullable UnaryOperator<V> copier;
        private @Nullable Consumer<V> unlinker;
        private @Nullable ToLongFunction<V> freeEffort;
        private @Nullable Consumer<V> freer;
        private @Nullable AuxSaver auxSaver;
        private @Nullable AuxLoader auxLoader;
        private final Set<AuxWhen> auxWhen = EnumSet.noneOf(AuxWhen.class);

        private Builder(String name, int encodingVersion, Class<V> valueClass) {
            this.name = Objects.requireNonNull(name, "name");
            this.encodingVersion = encodingVersion;
            this.valueClass = Objects.requireNonNull(valueClass, "valueClass");
        }

        /** How a value is saved (required). */
        public Builder<V> save(Saver<V> saver) {
            this.saver = saver;
            return this;
        }

        /** How a value is loaded (required). */
        public Builder<V> load(Loader<V> loader) {
            this.loader = loader;
            return this;
        }

        /** The value's memory use in bytes, for MEMORY USAGE; without it, the saved size stands in. */
        public Builder<V> memoryUsage(ToLongFunction<V> memoryUsage) {
            this.memoryUsage = memoryUsage;
            return this;
        }

        /** How a value feeds DEBUG DIGEST. */
        public Builder<V> digest(Digester<V> digester) {
            this.digester = digester;
            return this;
        }

        /**
         * How a value is rewritten as commands (BGREWRITEAOF with aof-use-rdb-preamble no).
         * Without it, the value is written as a RESTORE command with its saved form.
         */
        public Builder<V> aofRewrite(AofRewriter<V> aofRewriter) {
            this.aofRewriter = aofRewriter;
            return this;
        }

        /** How COPY copies a value; without it COPY fails for this type. */
        public Builder<V> copy(UnaryOperator<V> copier) {
            this.copier = copier;
            return this;
        }

        /** Code run when a value's key is removed from the keyspace (before it is freed). */
        public Builder<V> unlink(Consumer<V> unlinker) {
            this.unlinker = unlinker;
            return this;
        }

        /** The effort to free a value; above 64 the server frees it on its lazy-free thread. */
        public Builder<V> freeEffort(ToLongFunction<V> freeEffort) {
            this.freeEffort = freeEffort;
            return this;
        }

        /** Code run when the server frees a value. */
        public Builder<V> free(Consumer<V> freer) {
            this.freer = freer;
            return this;
        }

        /** Module-wide data saved beside the keyspace, {@code when} (one or both). */
        public Builder<V> auxSave(AuxSaver auxSaver, AuxWhen... when) {
            this.auxSaver = auxSaver;
            this.auxWhen.addAll(java.util.Arrays.asList(when));
            return this;
        }

        /** How module-wide data is loaded. */
        public Builder<V> auxLoad(AuxLoader auxLoader) {
            this.auxLoader = auxLoader;
            return this;
        }

        /**
         * The immutable type.
         *
         * @throws IllegalArgumentException naming the type and what is wrong
         */
        public DataType<V> build() {
            if (!NAME.matcher(name).matches())
                throw invalid("the name must be exactly 9 characters from A-Z a-z 0-9 - _ (the server stores it in 54 bits)");
            if (name.equals("AAAAAAAAA")) throw invalid("the name AAAAAAAAA is reserved by the server");
            if (encodingVersion < 0 || encodingVersion > MAX_ENCODING_VERSION)
                throw invalid("the encoding version must be 0 to " + MAX_ENCODING_VERSION + ", not " + encodingVersion);
            if (saver == null || loader == null) throw invalid("it needs both save and load");
            if ((auxSaver == null) != (auxLoader == null)) throw invalid("auxSave and auxLoad go together");
            if (auxSaver != null && auxWhen.isEmpty()) throw invalid("auxSave needs BEFORE_KEYSPACE, AFTER_KEYSPACE or both");
            return new DataType<>(this, saver, loader);
        }

        private IllegalArgumentException invalid(String problem) {
            return new IllegalArgumentException("data type '" + name + "': " + problem);
        }
    }
}
