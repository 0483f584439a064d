package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.TimerHost;
import java.util.function.Consumer;

/**
 * The server's timers: one-shot actions on the main thread after a delay. A module with a
 * pending timer cannot be unloaded (the server's rule); stop the timer first.
 *
 * <pre>{@code
 * Timer timer = Timers.schedule(500, ctx -> ctx.log(LogLevel.NOTICE, "half a second later"));
 * }</pre>
 */
public final class Timers {
    private Timers() {}

    /**
     * Runs {@code action} on the main thread after {@code delayMillis}; call it on the main
     * thread (in a command, a timer, or a coroutine on the main dispatcher).
     *
     * @throws IllegalStateException off the main thread
     */
    public static Timer schedule(long delayMillis, Consumer<ModuleContext> action) {
        MainThread.check("Timers.schedule");
        return TimerHost.schedule(Math.max(0, delayMillis), action);
    }
}
