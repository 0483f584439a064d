package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.ServerHost;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The server's data outside a command: on the main thread, or from another thread under the
 * server's lock (which pauses the server while held: keep it short).
 *
 * <pre>{@code
 * MainThread.execute(() -> Server.onMainThread(s -> s.call("INCR", "jobs:done")));
 * long n = Server.withLock(s -> (Long) s.call("INCR", "jobs:done"));   // on a worker thread
 * }</pre>
 */
public final class Server {
    private Server() {}

    /**
     * Runs {@code action} on the main thread when the server shuts down (its Shutdown event,
     * after the final save, before it exits); keep it short, the server waits for it.
     */
    public static void onShutdown(Runnable action) {
        io.valkeyjvm.core.internal.ShutdownHooks.add(action);
    }

    /**
     * Writes {@code message} to the server log, prefixed with the module's name; from any thread
     * (off the main thread, the main thread writes it soon after).
     */
    public static void log(LogLevel level, String message) {
        ServerHost.log(level, message);
    }

    /**
     * Like {@link #log(LogLevel, String)}, followed by {@code failure} and its stack trace, on one
     * line. The same message with the same kind of failure is written at most 10 times a minute;
     * the rest are counted, and one line a minute says how many.
     */
    public static void log(LogLevel level, String message, Throwable failure) {
        ServerHost.log(level, message, failure);
    }

    /** The version of the running valkey-server (GetServerVersion), from any thread. */
    public static ServerVersion version() {
        return ServerVersion.ofEncoded(io.valkeyjvm.raw.ValkeyModuleApi.GetServerVersion());
    }

    /**
     * The server's monotonic clock, in microseconds from an arbitrary start
     * (ValkeyModule_MonotonicMicroseconds): for measuring time spans, which it never counts
     * backwards as the wall clock may; from any thread.
     */
    public static long monotonicMicroseconds() {
        return io.valkeyjvm.raw.ValkeyModuleApi.MonotonicMicroseconds();
    }

    /**
     * Deletes every key of every database, as FLUSHALL does, but leaves functions and scripts
     * (ResetDataset); with {@code restartAof}, the AOF (if on) is rewritten from the empty data
     * set; with {@code async}, the memory is freed in the background. On the main thread.
     */
    public static void resetDataset(boolean restartAof, boolean async) {
        MainThread.check("Server.resetDataset");
        io.valkeyjvm.raw.ValkeyModuleApi.ResetDataset(restartAof ? 1 : 0, async ? 1 : 0);
    }

    /** The server's clock: Unix time in milliseconds, read now (ValkeyModule_Milliseconds), from any thread. */
    public static long milliseconds() {
        return io.valkeyjvm.raw.ValkeyModuleApi.Milliseconds();
    }

    /** The server's clock: Unix time in microseconds, read now (ValkeyModule_Microseconds), from any thread. */
    public static long microseconds() {
        return io.valkeyjvm.raw.ValkeyModuleApi.Microseconds();
    }

    /**
     * The server's cached clock, in Unix microseconds (ValkeyModule_CachedMicroseconds): the time the
     * current command (or expiry cycle, or event) started, the same for everything it causes, its
     * calls and notifications included. Read it on the main thread.
     */
    public static long cachedMicroseconds() {
        MainThread.check("Server.cachedMicroseconds");
        return io.valkeyjvm.raw.ValkeyModuleApi.CachedMicroseconds();
    }

    /**
     * Runs {@code block} with access to the server, in database 0, on the main thread (a timer, a
     * task from {@link MainThread#execute}, a coroutine on the main dispatcher).
     *
     * @throws IllegalStateException off the main thread
     */
    public static <T extends @Nullable Object> T onMainThread(Function<ServerAccess, T> block) {
        return onMainThread(0, block);
    }

    /**
     * Like {@link #onMainThread(Function)}, in database {@code db}: for work on behalf of a client,
     * pass the database it had selected ({@link CommandContext#selectedDb}).
     *
     * @throws IllegalStateException off the main thread
     * @throws IllegalArgumentException if the server has no such database
     */
    public static <T extends @Nullable Object> T onMainThread(int db, Function<ServerAccess, T> block) {
        MainThread.check("Server.onMainThread");
        return ServerHost.run(false, db, block);
    }

    /**
     * Runs {@code block} with access to the server, in database 0, on this thread, holding the server's lock
     * (ThreadSafeContextLock) meanwhile; for code that must stay on its own thread.
     *
     * @throws IllegalStateException on the main thread, which holds the lock already (use onMainThread)
     */
    public static <T extends @Nullable Object> T withLock(Function<ServerAccess, T> block) {
        return withLock(0, block);
    }

    /**
     * Like {@link #withLock(Function)}, in database {@code db}.
     *
     * @throws IllegalStateException on the main thread
     * @throws IllegalArgumentException if the server has no such database
     */
    public static <T extends @Nullable Object> T withLock(int db, Function<ServerAccess, T> block) {
        if (MainThread.isCurrent())
            throw new IllegalStateException("Server.withLock on the main thread would deadlock; use Server.onMainThread");
        return ServerHost.run(true, db, block);
    }
}
