package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_LOADING;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_LUA;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_MULTI;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.raw.LoaderContract;
import io.valkeyjvm.raw.NativeAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tasks handed to the server's main thread from any thread, run from its event loop (EventLoopAddOneShot). */
@InternalValkeyJvmApi
public final class MainThreadQueue {
    private static final long DEFERRED_TASKS_RETRY_MILLIS = 1;
    private static final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean scheduled = new AtomicBoolean();
    /** Main thread: how many of this module's commands are inside ValkeyModule_Yield. */
    private static int yielding;

    private MainThreadQueue() {}

    /** Queues {@code task} for the main thread; any thread. */
    public static void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true))
            EventLoopAddOneShot(NativeAccess.callback(LoaderContract.CALLBACK_MAIN_THREAD_TASKS), 0);
    }

    /**
     * The oneshot: runs the queued tasks. The server also polls its event loop while a command
     * yields, a busy script waits or data loads; the tasks then wait for that to end, so that they
     * never see a command, a script or a transaction half done.
     */
    static void runTasks() {
        if (yielding > 0 || (GetContextFlags(ServerHost.context()) & (CTX_FLAGS_LUA | CTX_FLAGS_MULTI | CTX_FLAGS_LOADING)) != 0) {
            // A oneshot queued from here would run again at once; timers wait for the event loop proper.
            TimerHost.schedule(DEFERRED_TASKS_RETRY_MILLIS, unused -> runTasks());
            return;
        }
        List<Runnable> round = new ArrayList<>();
        for (Runnable task; (task = tasks.poll()) != null; ) round.add(task);
        for (Runnable task : round) ModuleRuntime.runLogged("a main-thread task", task);
        // Tasks queued meanwhile (a coroutine's yield()) wait for the next round, which comes after
        // the server has served its clients: by a timer, since the server runs a oneshot added
        // by a oneshot at once. `scheduled` stayed set, so none was added.
        scheduled.set(false);
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) TimerHost.schedule(0, unused -> runTasks());
    }

    /** Runs ValkeyModule_Yield for a command (main thread); the tasks wait until it returns. */
    static void yieldFor(Runnable yield) {
        yielding++;
        try {
            yield.run();
        } finally {
            yielding--;
        }
    }
}
