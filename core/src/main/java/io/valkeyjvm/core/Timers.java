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
     * Runs {@code action} on the main thread after {@code delayMillis}, with access to the
     * server's data in database 0; call it on the main thread (in a command, a timer, or a
     * coroutine on the main dispatcher).
     *
     * @throws IllegalStateException off the main thread
     */
    public static Timer schedule(long delayMillis, Consumer<ServerAccess> action) {
        return schedule(0, delayMillis, action);
    }

    /**
     * Like {@link #schedule(long, Consumer)}, with {@code action} working in database {@code db}
     * (for a timer started by a command, the client's: {@link CommandContext#selectedDb}).
     *
     * @throws IllegalStateException off the main thread
     */
    public static Timer schedule(int db, long delayMillis, Consumer<ServerAccess> action) {
        MainThread.check("Timers.schedule");
        if (db < 0) throw new IllegalArgumentException("a database number is not negative, not " + db);
        return TimerHost.schedule(db, Math.max(0, delayMillis), action);
    }
}
