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
            CommandDefinition[] commands = definition.commands().toArray(new CommandDefinition[0]);
            String[] descriptions = new String[commands.length];
            boolean[] denyOom = new boolean[commands.length];
            for (int i = 0; i < commands.length; i++) {
                descriptions[i] = "command '" + commands[i].name() + "'";
                denyOom[i] = commands[i].flags().contains("deny-oom");
            }
            return new LoadedModule(definition, commands, descriptions, denyOom);
        }
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
        ServerVersion server = ServerVersion.ofEncoded(GetServerVersion());
        for (LoadCheck check : definition.loadChecks()) {
            try {
                check.check(server, args);
            } catch (Throwable t) {
                throw new LoadFailure("module '" + name + "' refused to load: " + (t instanceof ValkeyException ? t.getMessage() : ErrorReplies.stackTrace(t)));
            }
        }
        ModuleRuntime.loading(name);
        SetModuleAttribs(ctx, name, definition.version(), APIVER_1);
        DataTypeHost.register(ctx, name, definition.dataTypes());
        ModuleOptions.apply(ctx, definition);
        ServerHost.install(ctx);
        FailureLog.configure();
        HeapGuard.install();
        if (RegisterInfoFunc(ctx, NativeAccess.callback(CALLBACK_INFO)) != OK)
            Log(ctx, "warning", "valkey-jvm: module '" + name + "': INFO will not show its JVM section (RegisterInfoFunc failed)");
        List<CommandDefinition> commands = definition.commands();
        if (commands.size() > COMMAND_CALLBACKS)
            throw new LoadFailure("module '" + name + "' declares " + commands.size() + " commands; a JVM module can have at most " + COMMAND_CALLBACKS);
        for (int i = 0; i < commands.size(); i++) {
            CommandDefinition command = commands.get(i);
            if (CreateCommand(ctx, command.name(), NativeAccess.commandCallback(i), command.flagString(),
                    command.firstKey(), command.lastKey(), command.keyStep()) != OK)
                throw new LoadFailure("command '" + command.name() + "' could not be registered: a command with that name exists already"
                        + " (in the server or another module); rename it");
            long registered = GetCommand(ctx, command.name());
            if (registered == 0 || NativeAccess.setCommandInfo(registered, command.arity(), command.summary(), null, null) != OK)
                Log(ctx, "warning", "valkey-jvm: command '" + command.name() + "': COMMAND INFO will not show its arity (SetCommandInfo failed)");
        }
        ConfigHost.register(ctx, name, definition.configs(), definition.argsAsConfigs() ? args : null, !skipsConfigLoading(definition, args));
        EventHost.register(ctx, definition);
        AuthHost.register(ctx, definition);
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
        ServerHost.uninstall();
        unloaded();
        return null;
    }

    /**
     * The module is gone (unloaded, or its load failed): nothing of it keeps running, and nothing
     * the server's JVM modules share keeps its classes.
     */
    private static void unloaded() {
        module = null;
        ModuleArguments.reset();
        ConfigHost.unregister();
        EventHost.unregister();
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
