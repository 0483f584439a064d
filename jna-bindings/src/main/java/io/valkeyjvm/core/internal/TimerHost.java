package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.ModuleContext;
import io.valkeyjvm.core.Timer;
import io.valkeyjvm.raw.NativeAccess;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The module's timers, owned through the module's detached context (ServerHost); main thread only. */
public final class TimerHost {
    private static final int TIMER_FIRED = 5, OK = 0;

    private static long nextKey = 1;
    private static final Map<Long, PendingTimer> pending = new HashMap<>();

    private TimerHost() {}

    private static final class PendingTimer implements Timer {
        final long key;
        final long serverId;
        final Consumer<ModuleContext> action;

        PendingTimer(long key, long serverId, Consumer<ModuleContext> action) {
            this.key = key;
            this.serverId = serverId;
            this.action = action;
        }

        @Override
        public boolean stop() {
            io.valkeyjvm.core.MainThread.check("Timer.stop");
            if (pending.remove(key) == null) return false;
            return StopTimer(ServerHost.context(), serverId, 0) == OK;
        }

        @Override
        public long remainingMillis() {
            io.valkeyjvm.core.MainThread.check("Timer.remainingMillis");
            return pending.containsKey(key) ? NativeAccess.timerRemaining(ServerHost.context(), serverId) : -1;
        }
    }

    /** Timers.schedule. */
    public static Timer schedule(long delayMillis, Consumer<ModuleContext> action) {
        long key = nextKey++;
        long serverId = CreateTimer(ServerHost.context(), delayMillis, NativeAccess.blockingCallback(TIMER_FIRED), key);
        PendingTimer timer = new PendingTimer(key, serverId, action);
        pending.put(key, timer);
        return timer;
    }

    /** The server fired the timer whose data is [key]. */
    static void fired(long ctx, long key) {
        PendingTimer timer = pending.remove(key);
        if (timer == null) return;
        NativeModuleContext context = new NativeModuleContext(ctx, ServerHost.moduleName());
        try {
            timer.action.accept(context);
        } catch (Throwable t) {
            Log(ctx, "warning", "valkey-jvm: module '" + ServerHost.moduleName() + "': a timer's action threw " + t);
        } finally {
            context.invalidate();
        }
    }
}
