package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.MainThreadQueue;
import io.valkeyjvm.core.internal.ModuleRuntime;

/**
 * The server's main thread, where commands run and where the module API may be used. Other
 * threads hand work to it with {@link #execute}.
 */
public final class MainThread {
    private MainThread() {}

    /** Runs {@code task} on the main thread soon (through the server's event loop). Any thread. */
    public static void execute(Runnable task) {
        MainThreadQueue.execute(task);
    }

    /** True on the server's main thread. */
    public static boolean isCurrent() {
        return ModuleRuntime.isMainThread();
    }

    /**
     * Throws a clear {@link IllegalStateException} off the main thread; for code that calls the
     * module API, which is not thread-safe.
     */
    public static void check(String what) {
        if (!isCurrent())
            throw new IllegalStateException(what + " must run on the server's main thread, not on " + Thread.currentThread().getName()
                    + "; hand it over with MainThread.execute (or withValkey in Kotlin)");
    }
}
