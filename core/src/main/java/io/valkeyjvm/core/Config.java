package io.valkeyjvm.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A module config: a setting users see as {@code <module>.<name>} in CONFIG GET, CONFIG SET,
 * CONFIG REWRITE, the config file and {@code MODULE LOADEX ... CONFIG}. The module holds its
 * value; {@link #get()} reads it from any thread. Declare one with a factory, add it with
 * {@link ModuleDefinition.Builder#config}, and read it where the module needs it:
 *
 * <pre>{@code
 * static final Config<Long> MAX_ITEMS = Config.number("max-items", 100, 1, 10_000)
 *         .check(n -> { if (n % 2 != 0) throw new ValkeyException("max-items must be even"); })
 *         .build();
 * }</pre>
 *
 * A value is checked before it is stored: the server's own checks (the type, the range, the
 * names of an enum), then the module's {@link ConfigCheck}. A refused value leaves the old one in
 * place and its message reaches the client of CONFIG SET.
 *
 * @param <T> {@code Boolean}, {@code Long} (a signed number, or the 64 bits of an unsigned one),
 *            {@code ValkeyString}, {@code String} (one choice) or {@code Set<String>} (bit flags)
 */
public final class Config<T> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** What kind of value the server handles for a config. */
    public enum Kind {
        /** yes or no. */
        BOOL,
        /** A 64-bit integer within a range, optionally with memory units (1gb). */
        NUMBER,
        /**
         * An unsigned 64-bit integer (0 to 18446744073709551615) within a range, optionally with
         * memory units: its {@code Long} holds the 64 bits, read with {@link Long#toUnsignedString(long)}
         * and compared with {@link Long#compareUnsigned}. Needs Valkey 9.1 or later.
         */
        UNSIGNED_NUMBER,
        /** Binary-safe text. */
        STRING,
        /** One of a fixed set of names, or with bit flags several of them. */
        ENUM
    }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final Set<ConfigFlag> flags;
    private final long min;
    private final long max;
    private final boolean memory;
    private final boolean bitFlags;
    private final Map<String, Integer> choices;
    private final @Nullable ConfigCheck<T> check;
    private final @Nullable ConfigApply apply;
    private volatile T value;

    private Config(Builder<T> b) {
        this.name = b.name;
        this.kind = b.kind;
        this.defaultValue = b.defaultValue;
        this.flags = Collections.unmodifiableSet(EnumSet.copyOf(b.flags));
        this.min = b.min;
        this.max = b.max;
        this.memory = b.memory;
        this.bitFlags = b.bitFlags;
        this.choices = Collections.unmodifiableMap(new LinkedHashMap<>(b.choices));
        this.check = b.check;
        this.apply = b.apply;
        this.value = b.defaultValue;
    }

    /** A yes/no config. */
    public static Builder<Boolean> bool(String name, boolean defaultValue) {
        return new Builder<>(name, Kind.BOOL, defaultValue);
    }

    /** An integer config within {@code min..max} (inclusive). */
    public static Builder<Long> number(String name, long defaultValue, long min, long max) {
        Builder<Long> b = new Builder<>(name, Kind.NUMBER, defaultValue);
        b.min = min;
        b.max = max;
        return b;
    }

    /**
     * An unsigned 64-bit integer config within {@code min..max} (inclusive, compared unsigned):
     * each {@code long} here holds the bits of an unsigned value, so {@code -1L} stands for
     * 18446744073709551615 ({@link Long#parseUnsignedLong(String)} writes any value). CONFIG GET
     * shows it unsigned and CONFIG SET takes 0 to 18446744073709551615. It needs Valkey 9.1 or
     * later (RegisterUnsignedNumericConfig): on an older server the module's load fails, saying so.
     */
    public static Builder<Long> unsignedNumber(String name, long defaultValue, long min, long max) {
        Builder<Long> b = new Builder<>(name, Kind.UNSIGNED_NUMBER, defaultValue);
        b.min = min;
        b.max = max;
        return b;
    }

    /** A binary-safe string config. */
    public static Builder<ValkeyString> string(String name, ValkeyString defaultValue) {
        return new Builder<>(name, Kind.STRING, Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    /** A string config with a UTF-8 default. */
    public static Builder<ValkeyString> string(String name, String defaultValue) {
        return string(name, ValkeyString.of(defaultValue));
    }

    /**
     * A config whose value is one of {@code choices}' names; the numbers are what the server
     * stores and compares (distinct), in the order CONFIG GET and errors list them.
     */
    public static Builder<String> choice(String name, String defaultValue, Map<String, Integer> choices) {
        Builder<String> b = new Builder<>(name, Kind.ENUM, defaultValue);
        b.choices.putAll(choices);
        return b;
    }

    /** A config whose value is one of {@code names}, numbered 0, 1, 2... in that order. */
    public static Builder<String> choice(String name, String defaultValue, String... names) {
        Map<String, Integer> choices = new LinkedHashMap<>();
        for (String choice : names) choices.put(choice, choices.size());
        return choice(name, defaultValue, choices);
    }

    /**
     * A config whose value is a set of {@code bits}' names, written space-separated
     * ({@code CONFIG SET m.log "reads writes"}); each name's number is its bit (a name may also
     * stand for several bits, or for 0 as a "none").
     */
    public static Builder<Set<String>> flags(String name, Set<String> defaultValue, Map<String, Integer> bits) {
        Builder<Set<String>> b = new Builder<>(name, Kind.ENUM, Collections.unmodifiableSet(new LinkedHashSet<>(defaultValue)));
        b.choices.putAll(bits);
        b.bitFlags = true;
        return b;
    }

    /** The current value. */
    public T get() {
        return value;
    }

    /**
     * Checks and stores {@code newValue}, as a CONFIG SET does (without an apply step): for a
     * module that changes its own setting. CONFIG GET shows it from then on.
     *
     * @throws ValkeyException if the value is out of range, not one of the choices, or refused by
     *                         the config's check
     */
    public void set(T newValue) {
        validate(newValue);
        value = newValue;
    }

    /**
     * Checks {@code candidate} as {@link #set} would, without storing it.
     *
     * @throws ValkeyException saying why the value is refused
     */
    public void validate(T candidate) {
        Objects.requireNonNull(candidate, "value");
        if (kind == Kind.NUMBER && ((Long) candidate < min || (Long) candidate > max))
            throw new ValkeyException("argument must be between " + min + " and " + max + " inclusive");
        if (kind == Kind.UNSIGNED_NUMBER && !inUnsignedRange((Long) candidate, min, max))
            throw new ValkeyException("argument must be between " + Long.toUnsignedString(min) + " and "
                    + Long.toUnsignedString(max) + " inclusive");
        if (kind == Kind.ENUM) {
            Set<?> names = bitFlags ? (Set<?>) candidate : Set.of(candidate);
            for (Object choice : names) {
                if (!choices.containsKey(choice))
                    throw new ValkeyException("argument(s) must be one of the following: " + String.join(", ", choices.keySet()));
            }
        }
        if (check != null) check.check(candidate);
    }

    /** The name, without the module's prefix. */
    public String name() {
        return name;
    }

    /** The kind of value. */
    public Kind kind() {
        return kind;
    }

    /** The value before anything sets it; also what CONFIG REWRITE leaves out. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The flags. */
    public Set<ConfigFlag> flags() {
        return flags;
    }

    /** A number config's lowest value (the bits of an unsigned one's). */
    public long min() {
        return min;
    }

    /** A number config's highest value (the bits of an unsigned one's). */
    public long max() {
        return max;
    }

    /** True for a number config that takes memory units (CONFIG SET m.cache 64mb). */
    public boolean isMemory() {
        return memory;
    }

    /** True for an enum config of bit flags. */
    public boolean isBitFlags() {
        return bitFlags;
    }

    /** An enum config's names and their numbers, in order. */
    public Map<String, Integer> choices() {
        return choices;
    }

    /** The apply step, if any. */
    public @Nullable ConfigApply apply() {
        return apply;
    }

    @Override
    public String toString() {
        return "config '" + name + "'";
    }

    private static boolean inUnsignedRange(long value, long min, long max) {
        return Long.compareUnsigned(value, min) >= 0 && Long.compareUnsigned(value, max) <= 0;
    }

    /** Describes a config; {@link #build()} checks it. */
    public static final class Builder<T> {
        private final String name;
        private final Kind kind;
        private final T defaultValue;
        private final Set<ConfigFlag> flags = EnumSet.noneOf(ConfigFlag.class);
        private long min;
        private long max;
        private boolean memory;
        private boolean bitFlags;
        private final Map<String, Integer> choices = new LinkedHashMap<>();
        private @Nullable ConfigCheck<T> check;
        private @Nullable ConfigApply apply;

        private Builder(String name, Kind kind, T defaultValue) {
            this.name = Objects.requireNonNull(name, "name");
            this.kind = kind;
            this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        }

        /** Adds flags. */
        public Builder<T> flags(ConfigFlag... flags) {
            this.flags.addAll(java.util.List.of(flags));
            return this;
        }

        /** For a number config: values take memory units ({@code 64mb}, {@code 1gb}), and show as bytes. */
        public Builder<T> memory() {
            if (kind != Kind.NUMBER && kind != Kind.UNSIGNED_NUMBER) throw new IllegalStateException("only a number config takes memory units");
            this.memory = true;
            return this;
        }

        /** A check each new value must pass before it is stored. */
        public Builder<T> check(ConfigCheck<T> check) {
            this.check = check;
            return this;
        }

        /** The apply step after CONFIG SET (configs sharing one object get one call). */
        public Builder<T> apply(ConfigApply apply) {
            this.apply = apply;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public Config<T> build() {
            if (!NAME.matcher(name).matches())
                throw new IllegalArgumentException("config name '" + name + "' is not valid: use 1 to 128 letters, digits, '_' and '-'");
            if (kind == Kind.NUMBER) {
                long d = (Long) defaultValue;
                if (min > max) throw new IllegalArgumentException(this + ": min " + min + " is above max " + max);
                if (d < min || d > max) throw new IllegalArgumentException(this + ": default " + d + " is outside " + min + ".." + max);
            }
            if (kind == Kind.UNSIGNED_NUMBER) {
                long d = (Long) defaultValue;
                String range = Long.toUnsignedString(min) + ".." + Long.toUnsignedString(max);
                if (Long.compareUnsigned(min, max) > 0)
                    throw new IllegalArgumentException(this + ": min " + Long.toUnsignedString(min) + " is above max " + Long.toUnsignedString(max));
                if (!inUnsignedRange(d, min, max))
                    throw new IllegalArgumentException(this + ": default " + Long.toUnsignedString(d) + " is outside " + range);
            }
            if (kind == Kind.ENUM) {
                if (choices.isEmpty()) throw new IllegalArgumentException(this + " has no choices");
                if (!bitFlags && new LinkedHashSet<>(choices.values()).size() != choices.size())
                    throw new IllegalArgumentException(this + ": two choices have the same number");
                Set<?> defaults = bitFlags ? (Set<?>) defaultValue : Set.of(defaultValue);
                for (Object d : defaults) {
                    if (!choices.containsKey(d)) throw new IllegalArgumentException(this + ": default '" + d + "' is not one of " + choices.keySet());
                }
            }
            Config<T> config = new Config<>(this);
            if (check != null) {
                try {
                    check.check(defaultValue);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(this + ": its own check refuses the default: " + e.getMessage(), e);
                }
            }
            return config;
        }

        @Override
        public String toString() {
            return "config '" + name + "'";
        }
    }
}
