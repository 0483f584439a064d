package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.Log;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of the loaded module's identity: its name and the server's main thread. Each JVM
 * module has its own class loader, so these statics belong to exactly one module. Written during
 * OnLoad on the main thread; read from any thread.
 */
@InternalValkeyJvmApi
public final class ModuleRuntime {
    private static volatile String name = "?";
    private static volatile @Nullable Thread mainThread;

    private ModuleRuntime() {}

    /** OnLoad, on the main thread, before anything of the module runs. */
    static void loading(String module) {
        name = module;
        mainThread = Thread.currentThread();
    }

    /** The module's name, for log lines and contexts; "?" before it is known. */
    static String name() {
        return name;
    }

    /** "module '<name>': <what>", how log lines name what failed. */
    static String who(String what) {
        return "module '" + name + "': " + what;
    }

    /** True on the server's main thread. */
    public static boolean isMainThread() {
        return Thread.currentThread() == mainThread;
    }

    /** Runs {@code task}; a throw is logged (through the failure log's limit) and goes no further. Main thread. */
    static void runLogged(String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            try {
                String who = who(what);
                FailureLog.warn(who, FailureLog.threw(t), () -> "valkey-jvm: " + who + " threw " + t, line -> Log(0, "warning", line));
            } catch (Throwable undescribable) {
                // The failure's own toString threw, or the heap is full: the throw still goes no further.
                logUndescribable(what);
            }
        }
    }

    /** A failure whose description failed: a line without it, through the failure log's limit; nothing if even that fails. */
    private static void logUndescribable(String what) {
        try {
            FailureLog.warn(what, UNDESCRIBABLE, () -> "valkey-jvm: " + what + " threw, and describing the failure failed too",
                    line -> Log(0, "warning", line));
        } catch (Throwable ignored) {
            // Nothing left to log with; the caller must not see it either.
        }
    }

    private static final String UNDESCRIBABLE = "threw an undescribable failure";
}
