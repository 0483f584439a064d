package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.ServerAccess;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Server access outside commands: a detached context of the module, on the main thread or under the lock. */
@InternalValkeyJvmApi
public final class ServerHost {
    private static volatile long detached;
    /** OnLoad's context while the module loads and has no detached one yet: for Server.log in load checks. */
    private static volatile long loading;

    private ServerHost() {}

    /** OnLoad's context, for log lines until {@link #install}; 0 once the load has failed. */
    static void loading(long ctx) {
        loading = ctx;
    }

    static void install(long ctx) {
        detached = GetDetachedThreadSafeContext(ctx);
        loading = 0;
    }

    /** The module's detached context, for API calls with no command around them (timers, Server). */
    static long context() {
        long ctx = detached;
        if (ctx == 0) throw new IllegalStateException("the module is not loaded");
        return ctx;
    }

    static void uninstall() {
        if (detached != 0) FreeThreadSafeContext(detached);
        detached = 0;
    }

    /** Selects database {@code db} in {@code ctx}, or says clearly that the server has none such. */
    static void selectDb(long ctx, int db) {
        if (SelectDb(ctx, db) != 0)
            throw new IllegalArgumentException("database " + db + " does not exist (see the server's 'databases' setting)");
    }

    /** Server.log: the module API is the main thread's, so other threads hand the line over. */
    public static void log(LogLevel level, String message) {
        if (ModuleRuntime.isMainThread()) Log(logContext(), level.serverName(), message);
        else MainThreadQueue.execute(() -> Log(context(), level.serverName(), message));
    }

    private static long logContext() {
        long ctx = loading;
        return ctx != 0 ? ctx : context();
    }

    /** Server.log with a failure: the message, then the failure's stack trace, through the failure log's limit. */
    public static void log(LogLevel level, String message, Throwable failure) {
        String who = message.startsWith("valkey-jvm: ") ? message.substring("valkey-jvm: ".length()) : message;
        FailureLog.warn(who, FailureLog.threw(failure), () -> message + " " + ErrorReplies.stackTrace(failure), line -> log(level, line));
    }

    /** Server.onMainThread and Server.withLock, in database {@code db}. */
    public static <T extends @Nullable Object> T run(boolean lock, int db, Function<ServerAccess, T> block) {
        long ctx = context();
        if (lock) ThreadSafeContextLock(ctx);
        NativeModuleContext access = new NativeModuleContext(ctx, ModuleRuntime.name());
        try {
            // The one detached context is shared (timers take their database from it): it rests in
            // database 0, and a run selects its own only while it lasts.
            if (db != 0) selectDb(ctx, db);
            return block.apply(access);
        } finally {
            access.invalidate();
            if (db != 0) SelectDb(ctx, 0);
            // Unlocking also propagates what the block wrote to replicas and the AOF.
            if (lock) ThreadSafeContextUnlock(ctx);
        }
    }
}
