package io.valkeyjvm.core.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The module's own background chores (the failure log's summary lines): one daemon thread, started when there is something to do, gone after a few
 * idle seconds, and ended when the module unloads. Unlike a server timer it never keeps the
 * module from unloading.
 */
final class Housekeeping {
    private static final long IDLE_SECONDS = 10;
    private static @Nullable ScheduledThreadPoolExecutor executor;

    private Housekeeping() {}

    /** Runs {@code task} on the housekeeping thread after {@code delayNanos}; whatever it throws is dropped. */
    static synchronized void schedule(long delayNanos, Runnable task) {
        executor().schedule(() -> runQuietly(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** MODULE UNLOAD: pending chores are dropped and the thread ends. */
    static synchronized void shutdown() {
        if (executor != null) executor.shutdownNow();
        executor = null;
    }

    private static ScheduledThreadPoolExecutor executor() {
        if (executor == null) {
            String name = "valkey-jvm-" + ModuleRuntime.name() + "-housekeeping";
            ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
            created.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
            created.allowCoreThreadTimeOut(true);
            created.setRemoveOnCancelPolicy(true);
            executor = created;
        }
        return executor;
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (Throwable ignored) {
            // A chore that fails (the module unloading meanwhile, no memory) is simply not done.
        }
    }
}
