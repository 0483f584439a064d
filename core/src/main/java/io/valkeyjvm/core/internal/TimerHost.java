package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.ServerAccess;
import io.valkeyjvm.core.Timer;
import io.valkeyjvm.raw.LoaderContract;
import io.valkeyjvm.raw.NativeAccess;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The module's timers, owned through the module's detached context (ServerHost); main thread only. */
@InternalValkeyJvmApi
public final class TimerHost {
    private static long nextKey = 1;
    private static final Map<Long, PendingTimer> pending = new HashMap<>();

    private TimerHost() {}

    private static final class PendingTimer implements Timer {
        final long key;
        final long serverId;
        final int db;
        final Consumer<ServerAccess> action;

        PendingTimer(long key, long serverId, int db, Consumer<ServerAccess> action) {
            this.key = key;
            this.serverId = serverId;
            this.db = db;
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

    /** A timer for the SDK's own use, in database 0. */
    static Timer schedule(long delayMillis, Consumer<ServerAccess> action) {
        return schedule(0, delayMillis, action);
    }

    /** Timers.schedule: {@code action} runs in database {@code db}. */
    public static Timer schedule(int db, long delayMillis, Consumer<ServerAccess> action) {
        long key = nextKey++;
        long serverId = CreateTimer(ServerHost.context(), delayMillis, NativeAccess.callback(LoaderContract.CALLBACK_TIMER_FIRED), key);
        PendingTimer timer = new PendingTimer(key, serverId, db, action);
        pending.put(key, timer);
        return timer;
    }

    /** The server fired the timer whose data is [key]. */
    static void fired(long ctx, long key) {
        PendingTimer timer = pending.remove(key);
        if (timer == null) return;
        NativeModuleContext context = new NativeModuleContext(ctx, ModuleRuntime.name());
        try {
            if (timer.db != 0) ServerHost.selectDb(ctx, timer.db);
            timer.action.accept(context);
        } catch (Throwable t) {
            String who = ModuleRuntime.who("a timer's action");
            FailureLog.warn(who, FailureLog.threw(t), () -> "valkey-jvm: " + who + " threw " + t, line -> Log(ctx, "warning", line));
        } finally {
            context.invalidate();
        }
    }
}
