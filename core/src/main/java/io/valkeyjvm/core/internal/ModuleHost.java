package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.CALLBACK_INFO;
import static io.valkeyjvm.raw.LoaderContract.COMMAND_CALLBACKS;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.APIVER_1;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.InfoHandler;
import io.valkeyjvm.core.LoadCheck;
import io.valkeyjvm.core.ModuleDefinition;
import io.valkeyjvm.core.ServerVersion;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import io.valkeyjvm.raw.RawBindings;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The module's lifecycle and commands: loading and registering its declaration, dispatching its
 * commands, INFO and unloading; the loader reaches them through {@link LoaderEntry}. Every method
 * catches everything: no exception ever reaches the server.
 */
final class ModuleHost {
    /** The loaded module; null before load and after unload. Written on the main thread; read by commands on any thread. */
    private static volatile @Nullable LoadedModule module;

    private ModuleHost() {}

    /**
     * The running module; {@code descriptions[i]} names command i in log lines and error replies,
     * {@code denyOom[i]} says whether the heap guard may refuse it.
     */
    private record LoadedModule(ModuleDefinition definition, CommandDefinition[] commands, String[] descriptions, boolean[] denyOom) {
        static LoadedModule of(ModuleDefinition definition) {
            List<Entry> table = runnableCommands(definition);
            int n = table.size();
            CommandDefinition[] commands = new CommandDefinition[n];
            String[] descriptions = new String[n];
            boolean[] denyOom = new boolean[n];
            for (int i = 0; i < n; i++) {
                Entry r = table.get(i);
                commands[i] = r.command();
                descriptions[i] = "command '" + r.fullName() + "'";
                denyOom[i] = commands[i].flags().contains("deny-oom");
            }
            return new LoadedModule(definition, commands, descriptions, denyOom);
        }
    }

    /** A command the server runs through the loader's callback number {@code index}: a command or subcommand, not a container. */
    private record Entry(CommandDefinition command, String fullName, int index) {}

    /** Every command and subcommand with code of its own, in registration order (a container has none): callback i runs entry i. */
    private static List<Entry> runnableCommands(ModuleDefinition definition) {
        List<Entry> table = new ArrayList<>();
        for (CommandDefinition command : definition.commands()) {
            List<CommandDefinition> subcommands = command.metadata().subcommands();
            if (subcommands.isEmpty()) table.add(new Entry(command, command.name(), table.size()));
            for (CommandDefinition sub : subcommands) table.add(new Entry(sub, command.name() + "|" + sub.name(), table.size()));
        }
        return table;
    }

    /**
     * Registers the module declared in {@code jarPath}. Returns null on success, or the log line
     * (problem and fix) on failure; the server then unregisters whatever was registered.
     */
    static @Nullable String onLoad(long ctx, long argv, int argc, int firstModuleArg, String loaderPath, String jarPath) {
        try {
            ClassLoader loader = ModuleHost.class.getClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            bindApi(loaderPath);
            ModuleDefinition definition = ModuleLocator.find(jarPath, loader);
            List<ValkeyString> args = new ArrayList<>();
            for (int i = firstModuleArg; i < argc; i++) args.add(Strings.owning(NativeAccess.argBytes(argv, i)));
            List<byte[]> loaderOwn = new ArrayList<>();
            for (int i = 0; i < firstModuleArg; i++) loaderOwn.add(NativeAccess.argBytes(argv, i));
            ModuleArguments.loading(loaderOwn);
            register(ctx, definition, args);
            module = LoadedModule.of(definition);
            ForeignCommandEntry.install();
            ForkExclusion.install();
            if (definition.onLoad() != null) runOnLoad(ctx, definition, args);
            // Last: a filter stays registered even when a load fails (its callback then does nothing).
            FilterHost.registerDeclared(ctx, definition);
            // A module with data types never unloads, so this filter lives as long as the server.
            if (!definition.dataTypes().isEmpty() && !NativeAccess.installDumpGuard(ctx))
                Log(ctx, "warning", "valkey-jvm: module '" + definition.name() + "': DUMP of a value whose save fails cannot be"
                        + " refused on this server (it needs Valkey 7.2 or later); such a DUMP replies a payload that RESTORE refuses");
            ModuleArguments.loaded();
            return null;
        } catch (LoadFailure failure) {
            unloaded();
            return failure.getMessage();
        } catch (Throwable t) {
            unloaded();
            return "loading the module failed: " + ErrorReplies.stackTrace(t);
        }
    }

    private static void bindApi(String loaderPath) throws LoadFailure {
        try {
            RawBindings.bind(loaderPath);
        } catch (UnsatisfiedLinkError e) {
            throw new LoadFailure("JNA could not bind the module API (" + e.getMessage() + "); if the temp directory is"
                    + " mounted noexec, give JNA another one: 'jvm-option -Djna.tmpdir=/a/writable/exec/dir'");
        }
    }

    private static void register(long ctx, ModuleDefinition definition, List<ValkeyString> args) throws LoadFailure {
        String name = definition.name();
        if (IsModuleNameBusy(name) != 0)
            throw new LoadFailure("a module named '" + name + "' is already loaded; unload it first (MODULE UNLOAD "
                    + name + ") or give this module another name");
        // The load checks are the module's first code: they run on a known main thread, and what
        // they log (Server.log, through OnLoad's context) carries the module's name.
        ModuleRuntime.loading(name);
        SetModuleAttribs(ctx, name, definition.version(), APIVER_1);
        ServerHost.loading(ctx);
        ServerVersion server = ServerVersion.ofEncoded(GetServerVersion());
        for (LoadCheck check : definition.loadChecks()) {
            try {
                check.check(server, args);
            } catch (Throwable t) {
                throw new LoadFailure("module '" + name + "' refused to load: " + (t instanceof ValkeyException ? t.getMessage() : ErrorReplies.stackTrace(t)));
            }
        }
        DataTypeHost.register(ctx, name, definition.dataTypes());
        ModuleOptions.apply(ctx, definition);
        ServerHost.install(ctx);
        FailureLog.configure();
        HeapGuard.install();
        if (RegisterInfoFunc(ctx, NativeAccess.callback(CALLBACK_INFO)) != OK)
            Log(ctx, "warning", "valkey-jvm: module '" + name + "': INFO will not show its JVM section (RegisterInfoFunc failed)");
        for (String category : definition.aclCategories()) {
            if (AddACLCategory(ctx, category) != OK)
                throw new LoadFailure("module '" + name + "': ACL category '" + category + "' could not be added: the server"
                        + " has a category of that name already (ACL CAT lists them); choose another name. A module's categories"
                        + " stay after MODULE UNLOAD (Valkey 8.0 keeps them), so loading it again needs a restart");
        }
        List<Entry> runnable = runnableCommands(definition);
        if (runnable.size() > COMMAND_CALLBACKS)
            throw new LoadFailure("module '" + name + "' declares " + runnable.size() + " commands and subcommands; a JVM module can have at most "
                    + COMMAND_CALLBACKS);
        int next = 0;
        for (CommandDefinition command : definition.commands()) {
            boolean container = !command.metadata().subcommands().isEmpty();
            long callback = container ? 0 : NativeAccess.commandCallback(next++);
            if (CreateCommand(ctx, command.name(), callback, command.flagString(),
                    command.firstKey(), command.lastKey(), command.keyStep()) != OK)
                throw new LoadFailure("command '" + command.name() + "' could not be registered: a command with that name exists already"
                        + " (in the server or another module), or the server refuses its flags here (no-cluster in a cluster); rename it");
            long registered = GetCommand(ctx, command.name());
            describe(ctx, command.name(), registered, command);
            for (CommandDefinition sub : command.metadata().subcommands()) {
                String fullName = command.name() + "|" + sub.name();
                if (CreateSubcommand(registered, sub.name(), NativeAccess.commandCallback(next++), sub.flagString(),
                        sub.firstKey(), sub.lastKey(), sub.keyStep()) != OK)
                    throw new LoadFailure("subcommand '" + fullName + "' could not be registered (the server refused its flags here:"
                            + " no-cluster in a cluster?)");
                describe(ctx, fullName, GetCommand(ctx, fullName), sub);
            }
        }
        ConfigHost.register(ctx, name, definition.configs(), definition.argsAsConfigs() ? args : null, !skipsConfigLoading(definition, args));
        EventHost.register(ctx, definition);
        AofForms.register(ctx, definition.dataTypes());
        AuthHost.register(ctx, definition);
    }

    /** SetCommandInfo and SetCommandACLCategories for the registered command {@code registered}. */
    private static void describe(long ctx, String fullName, long registered, CommandDefinition command) throws LoadFailure {
        if (registered == 0) throw new LoadFailure("command '" + fullName + "' was registered but the server cannot find it (GetCommand)");
        int rc = NativeAccess.setCommandInfo(registered, CommandInfoCodec.encode(command));
        if (rc != OK) {
            if (!command.metadata().hasInfo())
                Log(ctx, "warning", "valkey-jvm: command '" + fullName + "': COMMAND INFO will not show its arity (SetCommandInfo failed)");
            else
                throw new LoadFailure("command '" + fullName + "': the server refused its metadata (SetCommandInfo); its reason is the"
                        + " 'Invalid command info' line just before this one");
        }
        if (!command.aclCategories().isEmpty() && SetCommandACLCategories(registered, command.aclCategoryString()) != OK)
            throw new LoadFailure("command '" + fullName + "': the server refused its ACL categories '" + command.aclCategoryString()
                    + "'; each must be one of the server's (ACL CAT lists them) or one the module declares with aclCategories");
    }

    private static boolean skipsConfigLoading(ModuleDefinition definition, List<ValkeyString> args) throws LoadFailure {
        try {
            return definition.skipsConfigLoading(args);
        } catch (Throwable t) {
            throw new LoadFailure("module '" + definition.name() + "': its skipConfigLoadingWhen condition threw " + ErrorReplies.stackTrace(t));
        }
    }

    private static void runOnLoad(long ctx, ModuleDefinition definition, List<ValkeyString> args) throws LoadFailure {
        NativeModuleContext context = new NativeModuleContext(ctx, definition.name());
        try {
            definition.onLoad().onLoad(context, args);
        } catch (Throwable t) {
            throw new LoadFailure("module '" + definition.name() + "': its onLoad threw " + ErrorReplies.stackTrace(t));
        } finally {
            context.invalidate();
        }
    }

    /** The name of the loaded module, for the loader's log lines. */
    static String moduleName() {
        LoadedModule loaded = module;
        return loaded == null ? "?" : loaded.definition().name();
    }

    /**
     * Runs command number {@code index}; always returns VALKEYMODULE_OK, the reply says how it
     * went. Every command comes here (from clients, scripts, ValkeyModule_Call, the primary's
     * stream), suspending ones included, whose blocking starts in their handler: the heap guard
     * is checked here only, before the handler runs.
     */
    static int dispatchCommand(int index, long ctx, long argv, int argc) {
        LoadedModule loaded = module;
        if (loaded == null) {
            ReplyWithError(ctx, "ERR the module is not loaded");
            return OK;
        }
        CommandDefinition command = loaded.commands()[index];
        if (PositionRequests.answered(command.metadata(), loaded.descriptions()[index], ctx, argv, argc)) return OK;
        if (!command.acceptsArgumentCount(argc)) {
            WrongArity(ctx);
            return OK;
        }
        if (loaded.denyOom()[index] && HeapGuard.refuses(ctx)) return OK;
        NativeCommandContext.reply(ctx, loaded.definition().name(), argv, argc, loaded.descriptions()[index], context -> {
            command.handler().handle(context, context.args());
            return true;
        });
        return OK;
    }

    /** INFO: the module's own sections, then its section "<module>_jvm" with the JVM's memory, GC and thread figures. */
    static void info(long infoCtx) {
        LoadedModule loaded = module;
        if (loaded != null && loaded.definition().info() != null) {
            InfoHandler handler = loaded.definition().info();
            NativeInfoWriter writer = new NativeInfoWriter(infoCtx);
            try {
                ModuleRuntime.runLogged("its INFO code", () -> handler.write(writer));
            } finally {
                writer.invalidate();
            }
        }
        try {
            JvmInfo.addSection(infoCtx, DataTypeHost.liveValues());
        } catch (Throwable ignored) {
            // INFO must answer whatever happens here.
        }
    }

    /** Runs the module's onUnload; returns null to let the unload go on, or why it is refused. */
    static @Nullable String onUnload(long ctx) {
        LoadedModule loaded = module;
        if (loaded == null) return null;
        ModuleDefinition definition = loaded.definition();
        if (definition.onUnload() != null) {
            NativeModuleContext context = new NativeModuleContext(ctx, definition.name());
            try {
                definition.onUnload().onUnload(context);
            } catch (Throwable t) {
                return "its onUnload threw " + t;
            } finally {
                context.invalidate();
            }
        }
        unloaded();
        return null;
    }

    /**
     * The module is gone (unloaded, or its load failed): nothing of it keeps running, and nothing
     * the server's JVM modules share keeps its classes.
     */
    private static void unloaded() {
        module = null;
        ForeignCommandEntry.uninstall();
        // A failed load frees it too: each detached context holds a server client.
        ServerHost.uninstall();
        ServerHost.loading(0);
        ModuleArguments.reset();
        ConfigHost.unregister();
        EventHost.unregister();
        AofForms.unregister();
        FilterHost.unregisterAll();
        AuthHost.unregister();
        HeapGuard.uninstall();
        Housekeeping.shutdown();
        NativeResources.releaseAll();
        Thread main = Thread.currentThread();
        if (main.getContextClassLoader() == ModuleHost.class.getClassLoader()) main.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            RawBindings.unbind();
        } catch (Throwable ignored) {
            // Nothing more to release; a failed load's own reason is what its log line reports.
        }
    }

}
