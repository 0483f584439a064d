package io.valkeyjvm.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An immutable description of a module: what {@code OnLoad} registers. Declaring it registers
 * nothing; the loader finds it in the module jar (the class named by the jar's
 * {@code Valkey-Module-Class}: a public static field of this type, or a public static no-argument
 * method returning it, such as a Kotlin top-level {@code val}) and registers it when the server
 * loads the module.
 *
 * <pre>{@code
 * public final class JavaHello {
 *     public static final ModuleDefinition MODULE = ModuleDefinition.builder("javahello")
 *         .version(1)
 *         .command(CommandDefinition.builder("javahello.echo").arity(2).flags("readonly fast")
 *             .handler((ctx, args) -> ctx.reply(args.get(1))))
 *         .build();
 * }
 * }</pre>
 */
public final class ModuleDefinition {
    // The server takes any name; dots appear in real ones (hash.stringref of its own test suite).
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ACL_CATEGORY = Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final int version;
    private final Set<ModuleOption> options;
    private final List<String> aclCategories;
    private final List<CommandDefinition> commands;
    private final List<DataType<?>> dataTypes;
    private final List<Config<?>> configs;
    private final boolean argsAsConfigs;
    private final @Nullable Predicate<List<ValkeyString>> skipConfigLoading;
    private final List<ServerEventSubscription<?>> serverEventHandlers;
    private final List<KeyspaceSubscription> keyspaceEventHandlers;
    private final @Nullable InfoHandler info;
    private final List<FilterRegistration> commandFilters;
    private final List<LoadCheck> loadChecks;
    private final List<AuthCallback> authCallbacks;
    private final @Nullable LoadHandler onLoad;
    private final @Nullable UnloadHandler onUnload;

    private ModuleDefinition(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.options = b.options.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.options));
        this.aclCategories = List.copyOf(b.aclCategories);
        this.commands = List.copyOf(b.commands);
        this.dataTypes = List.copyOf(b.dataTypes);
        this.configs = List.copyOf(b.configs);
        this.argsAsConfigs = b.argsAsConfigs;
        this.skipConfigLoading = b.skipConfigLoading;
        this.serverEventHandlers = List.copyOf(b.serverEventHandlers);
        this.keyspaceEventHandlers = List.copyOf(b.keyspaceEventHandlers);
        this.info = b.info;
        this.commandFilters = List.copyOf(b.commandFilters);
        this.loadChecks = List.copyOf(b.loadChecks);
        this.authCallbacks = List.copyOf(b.authCallbacks);
        this.onLoad = b.onLoad;
        this.onUnload = b.onUnload;
    }

    /** Starts describing the module {@code name} (letters, digits, {@code _} and {@code -}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The module name, as MODULE LIST shows it. */
    public String name() {
        return name;
    }

    /** The module version, as MODULE LIST shows it. */
    public int version() {
        return version;
    }

    /** The module's options: how the server treats it. */
    public Set<ModuleOption> options() {
        return options;
    }

    /** The ACL categories the module adds to the server's, in declaration order. */
    public List<String> aclCategories() {
        return aclCategories;
    }

    /** The commands, in declaration order. */
    public List<CommandDefinition> commands() {
        return commands;
    }

    /** The data types, in declaration order. */
    public List<DataType<?>> dataTypes() {
        return dataTypes;
    }

    /** The configs, in declaration order. */
    public List<Config<?>> configs() {
        return configs;
    }

    /** True if the module's load arguments set its configs ({@code loadmodule m.so max-items 20}). */
    public boolean argsAsConfigs() {
        return argsAsConfigs;
    }

    /**
     * True if, for these load arguments (the module's own, after the loader's), the module
     * leaves its config values unloaded: see {@link Builder#skipConfigLoadingWhen}.
     */
    public boolean skipsConfigLoading(List<ValkeyString> args) {
        return skipConfigLoading != null && skipConfigLoading.test(args);
    }

    /** A server event handler, with the kind of event it handles. */
    public record ServerEventSubscription<E extends ServerEvent>(ServerEventKind<E> kind, ServerEventHandler<E> handler) {}

    /** A keyspace notification handler, with the classes of notifications it handles. */
    public record KeyspaceSubscription(Set<KeyspaceEventType> types, KeyspaceEventHandler handler) {
        public KeyspaceSubscription {
            types = Set.copyOf(types);
        }
    }

    /** The server event handlers, in declaration order. */
    public List<ServerEventSubscription<?>> serverEventHandlers() {
        return serverEventHandlers;
    }

    /** The keyspace notification handlers, in declaration order. */
    public List<KeyspaceSubscription> keyspaceEventHandlers() {
        return keyspaceEventHandlers;
    }

    /** A command filter, and whether it skips the module's own calls. */
    public record FilterRegistration(CommandFilter filter, boolean noSelf) {}

    /** The command filters, in declaration order. */
    public List<FilterRegistration> commandFilters() {
        return commandFilters;
    }

    /** The auth callbacks, in declaration order (the order they are tried in). */
    public List<AuthCallback> authCallbacks() {
        return authCallbacks;
    }

    /** What writes the module's INFO sections, if anything. */
    public @Nullable InfoHandler info() {
        return info;
    }

    /** The checks that run before anything registers, in declaration order. */
    public List<LoadCheck> loadChecks() {
        return loadChecks;
    }

    /** Code run at load, if any. */
    public @Nullable LoadHandler onLoad() {
        return onLoad;
    }

    /** Code run at unload, if any. */
    public @Nullable UnloadHandler onUnload() {
        return onUnload;
    }

    /** Builds a {@link ModuleDefinition}; {@link #build()} validates it. */
    public static final class Builder {
        private final String name;
        private int version = 1;
        private final Set<ModuleOption> options = new HashSet<>();
        private final List<String> aclCategories = new ArrayList<>();
        private final List<CommandDefinition> commands = new ArrayList<>();
        private final List<DataType<?>> dataTypes = new ArrayList<>();
        private final List<Config<?>> configs = new ArrayList<>();
        private boolean argsAsConfigs;
        private @Nullable Predicate<List<ValkeyString>> skipConfigLoading;
        private final List<ServerEventSubscription<?>> serverEventHandlers = new ArrayList<>();
        private final List<KeyspaceSubscription> keyspaceEventHandlers = new ArrayList<>();
        private @Nullable InfoHandler info;
        private final List<FilterRegistration> commandFilters = new ArrayList<>();
        private final List<LoadCheck> loadChecks = new ArrayList<>();
        private final List<AuthCallback> authCallbacks = new ArrayList<>();
        private @Nullable LoadHandler onLoad;
        private @Nullable UnloadHandler onUnload;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The module version; default 1. */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /**
         * Adds module options (SetModuleOptions at load): {@code .options(ModuleOption.ALLOW_NESTED_KEYSPACE_NOTIFICATIONS)}.
         * An option the running server lacks fails the load, naming the version it needs.
         */
        public Builder options(ModuleOption... options) {
            this.options.addAll(List.of(options));
            return this;
        }

        /**
         * Adds ACL categories of the module's own (AddACLCategory, Valkey 8.0), registered before its
         * commands, which may then name them ({@link CommandDefinition.Builder#aclCategories}); ACL
         * rules such as {@code +@name} and {@code -@name} and {@code ACL CAT} know them as the
         * server's own. A name the server has already fails the load; the server keeps a module's
         * categories after MODULE UNLOAD, so loading it again fails until the server restarts.
         */
        public Builder aclCategories(String... names) {
            aclCategories.addAll(List.of(names));
            return this;
        }

        /** Adds a command. */
        public Builder command(CommandDefinition command) {
            commands.add(command);
            return this;
        }

        /** Adds a command from its builder. */
        public Builder command(CommandDefinition.Builder command) {
            return command(command.build());
        }

        /** Adds a data type. */
        public Builder dataType(DataType<?> type) {
            dataTypes.add(type);
            return this;
        }

        /** Adds a config, shown as {@code <module>.<name>}. */
        public Builder config(Config<?> config) {
            configs.add(config);
            return this;
        }

        /** Adds a config from its builder. */
        public Builder config(Config.Builder<?> config) {
            return config(config.build());
        }

        /**
         * Lets the module's load arguments set its configs, as name-value pairs after the loader's
         * own ({@code loadmodule m.so max-items 20 mode fast}); an argument that names no config
         * fails the load. Config file lines and {@code MODULE LOADEX ... CONFIG} still come after,
         * and win.
         */
        public Builder argsAsConfigs(boolean argsAsConfigs) {
            this.argsAsConfigs = argsAsConfigs;
            return this;
        }

        /**
         * Leaves the config values unloaded when {@code condition} holds for the module's load
         * arguments (those after the loader's own). Normally the SDK has the server load them
         * (config file, {@code MODULE LOADEX ... CONFIG}, load arguments: LoadConfigs) right after
         * registering the configs, in OnLoad. Without that step the server refuses a module that
         * has configs as soon as OnLoad returns, with its own log line ("Module Configurations
         * were not set, likely a missing LoadConfigs call. Unloading the module."), and a server
         * starting with it exits. For a module that must refuse some loads the way the server
         * does, and for testing the server's check. The condition runs on the main thread during
         * OnLoad; if it throws, the load fails with its message.
         */
        public Builder skipConfigLoadingWhen(Predicate<List<ValkeyString>> condition) {
            this.skipConfigLoading = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Handles server events of {@code kind}, with their data: {@code .onServerEvent(ServerEventKind.FLUSH_DB,
         * (server, e) -> ...)}. A kind the running server lacks fails the load, naming the version it needs.
         */
        public <E extends ServerEvent> Builder onServerEvent(ServerEventKind<E> kind, ServerEventHandler<E> handler) {
            serverEventHandlers.add(new ServerEventSubscription<>(kind, handler));
            return this;
        }

        /**
         * Handles keyspace notifications of the given classes (whatever notify-keyspace-events says).
         * Each handler is its own subscriber, as in a C module: the server does not notify it of what
         * it causes itself (unless the module has {@link ModuleOption#ALLOW_NESTED_KEYSPACE_NOTIFICATIONS}),
         * while the module's other handlers are notified. A class the running server lacks fails the load.
         */
        public Builder onKeyspaceEvent(Set<KeyspaceEventType> types, KeyspaceEventHandler handler) {
            if (types.isEmpty()) throw new IllegalArgumentException("a keyspace event handler needs at least one class of events");
            keyspaceEventHandlers.add(new KeyspaceSubscription(types, handler));
            return this;
        }

        /**
         * Adds a command filter: it sees, and may rewrite, every command before it runs; with
         * {@code noSelf}, not the commands the module itself calls.
         */
        public Builder commandFilter(CommandFilter filter, boolean noSelf) {
            commandFilters.add(new FilterRegistration(filter, noSelf));
            return this;
        }

        /**
         * Adds an auth callback: it decides on {@code AUTH} and {@code HELLO ... AUTH} attempts
         * before the server's own passwords (see {@link AuthCallback}). A module's callbacks are
         * tried in declaration order, before those of modules loaded earlier.
         */
        public Builder authCallback(AuthCallback callback) {
            authCallbacks.add(java.util.Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * Writes the module's INFO sections. The SDK's own {@code <module>_jvm} section comes after
         * them (the JVM's heap, GC and thread figures).
         */
        public Builder info(InfoHandler info) {
            this.info = info;
            return this;
        }

        /** A check that runs first in OnLoad, before anything registers; throwing refuses the load. */
        public Builder checkLoad(LoadCheck check) {
            loadChecks.add(check);
            return this;
        }

        /** Refuses to load on a server older than {@code major.minor}, with a log line that says so. */
        public Builder requiresServer(int major, int minor) {
            return checkLoad((server, args) -> {
                if (!server.atLeast(major, minor))
                    throw new ValkeyException("it needs Valkey " + major + "." + minor + " or later; this server is " + server);
            });
        }

        /** Code to run at load, after the commands are registered. */
        public Builder onLoad(LoadHandler onLoad) {
            this.onLoad = onLoad;
            return this;
        }

        /** Code to run at unload. */
        public Builder onUnload(UnloadHandler onUnload) {
            this.onUnload = onUnload;
            return this;
        }

        /**
         * The immutable definition.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public ModuleDefinition build() {
            if (!NAME.matcher(name).matches())
                throw new IllegalArgumentException("module name '" + name
                        + "' is not valid: use 1 to 64 letters, digits, '_', '-' or '.' (it prefixes the module's config names)");
            Set<String> categories = new HashSet<>();
            for (String category : aclCategories) {
                if (!ACL_CATEGORY.matcher(category).matches())
                    throw new IllegalArgumentException("module '" + name + "': ACL category '" + category
                            + "' is not a valid name (letters, digits, '_' and '-')");
                if (!categories.add(category.toLowerCase(Locale.ROOT)))
                    throw new IllegalArgumentException("module '" + name + "' declares ACL category '" + category + "' twice");
            }
            Set<String> seen = new HashSet<>();
            for (CommandDefinition command : commands) {
                if (!seen.add(command.name().toLowerCase(Locale.ROOT)))
                    throw new IllegalArgumentException("module '" + name + "' declares command '" + command.name()
                            + "' twice (command names are case-insensitive)");
            }
            Set<String> configNames = new HashSet<>();
            for (Config<?> config : configs) {
                if (!configNames.add(config.name().toLowerCase(Locale.ROOT)))
                    throw new IllegalArgumentException("module '" + name + "' declares config '" + config.name() + "' twice");
            }
            Set<String> typeNames = new HashSet<>();
            for (DataType<?> type : dataTypes) {
                if (!typeNames.add(type.name()))
                    throw new IllegalArgumentException("module '" + name + "' declares data type '" + type.name() + "' twice");
            }
            return new ModuleDefinition(this);
        }
    }
}
