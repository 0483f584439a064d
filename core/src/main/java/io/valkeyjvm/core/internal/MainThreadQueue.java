package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_LOADING;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_LUA;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_MULTI;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.raw.LoaderContract;
import io.valkeyjvm.raw.NativeAccess;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Tasks handed to the server's main thread from any thread, run from its event loop (EventLoopAddOneShot). */
@InternalValkeyJvmApi
public final class MainThreadQueue {
    private static final long DEFERRED_TASKS_RETRY_MILLIS = 1;
    private static final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean scheduled = new AtomicBoolean();
    /** How many tasks wait in {@link #tasks} (the queue's own size() walks it). */
    private static final AtomicInteger queued = new AtomicInteger();
    /** Main thread: how many of this module's commands are inside ValkeyModule_Yield. */
    private static int yielding;

    private MainThreadQueue() {}

    /** Queues {@code task} for the main thread; any thread. */
    public static void execute(Runnable task) {
        tasks.add(task);
        queued.incrementAndGet();
        if (scheduled.compareAndSet(false, true))
            EventLoopAddOneShot(NativeAccess.callback(LoaderContract.CALLBACK_MAIN_THREAD_TASKS), 0);
    }

    /**
     * The oneshot: runs the queued tasks. The server also polls its event loop while a command
     * yields, a busy script waits or data loads; the tasks then wait for that to end, so that they
     * never see a command, a script or a transaction half done.
     *
     * Nothing that fails here may leave {@code scheduled} set, or no later task would ever run; and
     * a round allocates nothing, so that a full heap cannot drop tasks already taken from the queue.
     */
    static void runTasks() {
        boolean deferred = false;
        try {
            if (yielding > 0 || (GetContextFlags(ServerHost.context()) & (CTX_FLAGS_LUA | CTX_FLAGS_MULTI | CTX_FLAGS_LOADING)) != 0) {
                // A oneshot queued from here would run again at once; timers wait for the event loop proper.
                TimerHost.schedule(DEFERRED_TASKS_RETRY_MILLIS, unused -> runTasks());
                deferred = true;
                return;
            }
            // This round runs the tasks queued before it began; tasks queued meanwhile (a coroutine's
            // yield()) wait for the next round, which comes after the server has served its clients.
            for (int round = queued.get(); round > 0; round--) {
                Runnable task = tasks.poll();
                if (task == null) break;
                queued.decrementAndGet();
                ModuleRuntime.runLogged("a main-thread task", task);
            }
        } finally {
            if (!deferred) nextRound();
        }
    }

    /**
     * After a round: the next one, if tasks wait, by a timer, since the server runs a oneshot added
     * by a oneshot at once. `scheduled` stayed set meanwhile, so {@link #execute} added none.
     */
    private static void nextRound() {
        scheduled.set(false);
        if (tasks.isEmpty() || !scheduled.compareAndSet(false, true)) return;
        try {
            TimerHost.schedule(0, unused -> runTasks());
        } catch (Throwable t) {
            // No timer (a full heap): a oneshot then, which needs no allocation here.
            EventLoopAddOneShot(NativeAccess.callback(LoaderContract.CALLBACK_MAIN_THREAD_TASKS), 0);
        }
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
