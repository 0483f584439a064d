package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.*;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CONFIG_BITFLAGS;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CONFIG_MEMORY;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CONFIG_UNSIGNED;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.Config;
import io.valkeyjvm.core.ConfigApply;
import io.valkeyjvm.core.ConfigFlag;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The module's configs: registering them during OnLoad, and the server's get, set and apply
 * callbacks, which arrive on the main thread through {@link LoaderEntry}. The server finds a
 * config by its name; an apply step's group number is its private data, so configs sharing one
 * {@link ConfigApply} get one call per CONFIG SET. Signed and unsigned number configs share the
 * loader's number callbacks: the server calls both kinds with a 64-bit integer in the same place
 * (its unsigned get and set have the signed ones' ABI), and the Java side reads an unsigned
 * config's bits as unsigned.
 */
final class ConfigHost {
    private static volatile Map<String, Config<?>> byName = Map.of();
    private static volatile List<ConfigApply> applyGroups = List.of();

    private ConfigHost() {}

    /**
     * Registers {@code configs} with defaults taken from {@code args} where they name a config
     * (when the module asked for that), then, with {@code loadValues}, has the server load their
     * values from its config file and MODULE LOADEX; the values the module refuses fail the load.
     * Without {@code loadValues} the server refuses the module itself once OnLoad returns.
     */
    static void register(long ctx, String module, List<Config<?>> configs, @Nullable List<ValkeyString> args, boolean loadValues)
            throws LoadFailure {
        Map<String, Config<?>> named = new HashMap<>();
        List<ConfigApply> groups = new ArrayList<>();
        for (Config<?> config : configs) named.put(config.name(), config);
        Map<String, Object> overrides = args == null ? Map.of() : overrides(module, named, args);
        byName = Map.copyOf(named);
        for (Config<?> config : configs) {
            int group = 0;
            if (config.apply() != null) {
                int index = groups.indexOf(config.apply());
                if (index < 0) {
                    groups.add(config.apply());
                    index = groups.size() - 1;
                }
                group = index + 1;
            }
            applyGroups = List.copyOf(groups);
            Object initial = overrides.getOrDefault(config.name(), config.defaultValue());
            if (registerOne(ctx, module, config, initial, group) != OK)
                throw new LoadFailure(config + " of module '" + module + "' could not be registered: the server refuses its name or"
                        + " flags, or another config has that name");
        }
        if (configs.isEmpty()) return;
        if (!loadValues) {
            Log(ctx, "notice", "valkey-jvm: module '" + module + "' leaves its config values unloaded for these load arguments"
                    + " (skipConfigLoadingWhen): the server refuses the module");
            return;
        }
        if (LoadConfigs(ctx) != OK)
            throw new LoadFailure("module '" + module + "': a config value from the config file or MODULE LOADEX was refused"
                    + " (the server log says which); fix or remove it");
    }

    static void unregister() {
        byName = Map.of();
        applyGroups = List.of();
    }

    private static int registerOne(long ctx, String module, Config<?> config, Object initial, int group) throws LoadFailure {
        int flags = 0;
        for (ConfigFlag flag : config.flags()) flags |= (int) flag.serverValue();
        long apply = group > 0 ? NativeAccess.callback(CALLBACK_CONFIG_APPLY) : 0;
        switch (config.kind()) {
            case BOOL:
                return RegisterBoolConfig(ctx, config.name(), (Boolean) initial ? 1 : 0, flags, NativeAccess.callback(CALLBACK_CONFIG_GET_BOOL),
                        NativeAccess.callback(CALLBACK_CONFIG_SET_BOOL), apply, group);
            case NUMBER:
                if (config.isMemory()) flags |= (int) CONFIG_MEMORY;
                return RegisterNumericConfig(ctx, config.name(), (Long) initial, flags, config.min(), config.max(),
                        NativeAccess.callback(CALLBACK_CONFIG_GET_NUMBER), NativeAccess.callback(CALLBACK_CONFIG_SET_NUMBER), apply, group);
            case UNSIGNED_NUMBER:
                flags |= (int) CONFIG_UNSIGNED;
                if (config.isMemory()) flags |= (int) CONFIG_MEMORY;
                try {
                    return RegisterUnsignedNumericConfig(ctx, config.name(), (Long) initial, flags, config.min(), config.max(),
                            NativeAccess.callback(CALLBACK_CONFIG_GET_NUMBER), NativeAccess.callback(CALLBACK_CONFIG_SET_NUMBER), apply, group);
                } catch (UnsupportedOperationException e) {
                    throw new LoadFailure(config + " of module '" + module + "' is an unsigned number config, which needs Valkey 9.1 or"
                            + " later (" + e.getMessage() + "); run a newer server, or declare it as a signed number config");
                }
            case STRING:
                return RegisterStringConfig(ctx, config.name(), ((ValkeyString) initial).toText(), flags,
                        NativeAccess.callback(CALLBACK_CONFIG_GET_STRING), NativeAccess.callback(CALLBACK_CONFIG_SET_STRING), apply, group);
            default:
                if (config.isBitFlags()) flags |= (int) CONFIG_BITFLAGS;
                String[] names = config.choices().keySet().toArray(new String[0]);
                int[] values = config.choices().values().stream().mapToInt(Integer::intValue).toArray();
                return NativeAccess.registerEnumConfig(ctx, config.name(), (int) toNumber(config, initial), flags, names, values, group);
        }
    }

    /** The load arguments as config values, by config name: pairs of a name and a value. */
    private static Map<String, Object> overrides(String module, Map<String, Config<?>> named, List<ValkeyString> args) throws LoadFailure {
        if (args.size() % 2 != 0)
            throw new LoadFailure("module '" + module + "' takes its configs as load arguments, in pairs of a name and a value; got "
                    + args.size() + " arguments");
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i).toText();
            Config<?> config = named.get(name);
            if (config == null)
                throw new LoadFailure("module '" + module + "' has no config '" + name + "' (load argument " + (i + 1) + "); its configs: "
                        + named.keySet());
            try {
                Object value = parse(config, args.get(i + 1));
                checked(config, value);
                values.put(name, value);
            } catch (ValkeyException e) {
                throw new LoadFailure("module '" + module + "': load argument " + name + " '" + args.get(i + 1) + "': " + e.getMessage());
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static <T> void checked(Config<T> config, Object value) {
        config.validate((T) value);
    }

    /** A load argument as the config's value, read as the server reads a config file. */
    private static Object parse(Config<?> config, ValkeyString text) {
        switch (config.kind()) {
            case BOOL: {
                String s = text.toText().toLowerCase(Locale.ROOT);
                if (s.equals("yes")) return true;
                if (s.equals("no")) return false;
                throw new ValkeyException("argument must be 'yes' or 'no'");
            }
            case NUMBER: {
                Long n = config.isMemory() ? MemoryUnits.parse(text.toText()) : text.toLongOrNull();
                if (n == null) throw new ValkeyException("argument couldn't be parsed into an integer");
                return n;
            }
            case UNSIGNED_NUMBER: {
                Long n = config.isMemory() ? MemoryUnits.parseUnsigned(text.toText()) : MemoryUnits.unsigned(text.toText());
                if (n == null) throw new ValkeyException("argument couldn't be parsed as an unsigned number");
                return n;
            }
            case STRING:
                return text;
            default: {
                if (!config.isBitFlags()) return text.toText();
                Set<String> names = new LinkedHashSet<>();
                for (String name : text.toText().trim().split("\\s+")) if (!name.isEmpty()) names.add(name);
                return names;
            }
        }
    }

    private static Config<?> config(long name) {
        String text = new String(NativeAccess.cStringBytes(name), StandardCharsets.UTF_8);
        Config<?> config = byName.get(text);
        if (config == null) throw new IllegalStateException("the server asked for config '" + text + "', which this module does not have");
        return config;
    }

    /** The server's number for a bool, number or enum value. */
    private static long toNumber(Config<?> config, Object value) {
        switch (config.kind()) {
            case BOOL:
                return (Boolean) value ? 1 : 0;
            case NUMBER:
            case UNSIGNED_NUMBER:
                return (Long) value;
            default: {
                if (!config.isBitFlags()) return config.choices().get(value);
                long bits = 0;
                for (Object name : (Set<?>) value) bits |= config.choices().get(name);
                return bits;
            }
        }
    }

    private static Object fromNumber(Config<?> config, long number) {
        switch (config.kind()) {
            case BOOL:
                return number != 0;
            case NUMBER:
            case UNSIGNED_NUMBER:
                return number;
            default: {
                if (!config.isBitFlags()) {
                    for (Map.Entry<String, Integer> choice : config.choices().entrySet()) if (choice.getValue() == number) return choice.getKey();
                    throw new ValkeyException("no choice has the number " + number);
                }
                Set<String> names = new LinkedHashSet<>();
                for (Map.Entry<String, Integer> bit : config.choices().entrySet()) {
                    int mask = bit.getValue();
                    if (mask == 0 ? number == 0 : (number & mask) == mask) names.add(bit.getKey());
                }
                return names;
            }
        }
    }

    static long getNumber(long name) {
        Config<?> config = config(name);
        return toNumber(config, config.get());
    }

    static byte[] getString(long name) {
        return ((ValkeyString) config(name).get()).toByteArray();
    }

    static @Nullable String setNumber(long name, long value) {
        Config<?> config = config(name);
        return store(config, () -> fromNumber(config, value));
    }

    static @Nullable String setString(long name, long value) {
        Config<?> config = config(name);
        return store(config, () -> Strings.owning(NativeAccess.stringBytes(value)));
    }

    static @Nullable String apply(long ctx, int group) {
        NativeModuleContext context = new NativeModuleContext(ctx, ModuleRuntime.name());
        try {
            applyGroups.get(group - 1).apply(context);
            return null;
        } catch (Throwable t) {
            return refusal("a config's apply", t);
        } finally {
            context.invalidate();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> @Nullable String store(Config<T> config, java.util.function.Supplier<Object> value) {
        try {
            config.set((T) value.get());
            return null;
        } catch (Throwable t) {
            return refusal(config + "'s check", t);
        }
    }

    /** What the client of CONFIG SET reads: a ValkeyException's message; any other failure is also logged. */
    private static String refusal(String what, Throwable t) {
        if (t instanceof ValkeyException) return t.getMessage() != null ? t.getMessage() : "refused";
        String who = ModuleRuntime.who(what);
        FailureLog.warn(who, FailureLog.threw(t), () -> "valkey-jvm: " + who + " threw " + ErrorReplies.stackTrace(t),
                line -> Log(0, "warning", line));
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
