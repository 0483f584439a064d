package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.BlockedClient;
import io.valkeyjvm.core.KeyReadyHandler;
import io.valkeyjvm.core.KeySignalListener;
import io.valkeyjvm.core.KeyWatchingClient;
import io.valkeyjvm.core.Replies;
import io.valkeyjvm.core.ValkeyString;
import java.util.ArrayList;
import java.util.List;
import io.valkeyjvm.raw.NativeAccess;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Blocked clients and the main-thread task queue: what the loader's blocking callbacks call,
 * through JNI, on the server's main thread. Every method catches everything.
 */
public final class BlockingHost {
    private static final int REPLY = 0, TIMEOUT = 1, FREE = 2, DISCONNECTED = 3, MAIN_THREAD_TASKS = 4;
    private static final int CTX_FLAGS_DENY_BLOCKING = 1 << 21;
    private static final int CTX_FLAGS_LUA = 1, CTX_FLAGS_MULTI = 1 << 1, CTX_FLAGS_LOADING = 1 << 13;
    private static final long DEFERRED_TASKS_RETRY_MILLIS = 1;
    /** Main thread: how many of this module's commands are inside ValkeyModule_Yield. */
    private static int yielding;

    private static final int BLOCK_UNBLOCK_DELETED = 1;
    private static final Map<Long, NativeBlockedClient> blocked = new ConcurrentHashMap<>();

    /** A client blocked on keys; its id is the private data the server hands back. */
    private record KeyBlocked(KeyReadyHandler onReady, Consumer<Replies> onTimeout) {}

    private static final Map<Long, KeyBlocked> keyBlocked = new ConcurrentHashMap<>();
    /** Clients of blockWatchingKeys, by their private data (they are in {@link #blocked} too, by handle). */
    private static final Map<Long, NativeKeyWatchingClient> keyWatching = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong nextKeyBlockId = new java.util.concurrent.atomic.AtomicLong();
    private static final Queue<Runnable> mainThreadTasks = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean tasksScheduled = new AtomicBoolean();
    private static volatile @Nullable Thread mainThread;
    private static volatile String moduleName = "?";

    private BlockingHost() {}

    /** Called during OnLoad, on the main thread. */
    static void install(String module) {
        moduleName = module;
        mainThread = Thread.currentThread();
    }

    /** True on the server's main thread. */
    public static boolean isMainThread() {
        return Thread.currentThread() == mainThread;
    }

    /** Queues [task] for the main thread; any thread. */
    public static void executeOnMainThread(Runnable task) {
        mainThreadTasks.add(task);
        if (tasksScheduled.compareAndSet(false, true))
            EventLoopAddOneShot(NativeAccess.blockingCallback(MAIN_THREAD_TASKS), 0);
    }

    /**
     * EventLoopAddOneShot callback: runs the queued tasks. The server also polls its event loop
     * while a command yields, a busy script waits or data loads; the tasks then wait for that to
     * end, so that they never see a command, a script or a transaction half done.
     */
    public static void runMainThreadTasks() {
        if (yielding > 0 || (GetContextFlags(ServerHost.context()) & (CTX_FLAGS_LUA | CTX_FLAGS_MULTI | CTX_FLAGS_LOADING)) != 0) {
            // A oneshot queued from here would run again at once; timers wait for the event loop proper.
            TimerHost.schedule(DEFERRED_TASKS_RETRY_MILLIS, unused -> runMainThreadTasks());
            return;
        }
        List<Runnable> round = new ArrayList<>();
        for (Runnable task; (task = mainThreadTasks.poll()) != null; ) round.add(task);
        for (Runnable task : round) runLogged("a main-thread task", task);
        // Tasks queued meanwhile (a coroutine's yield()) wait for the next round, which comes after
        // the server has served its clients: by a timer, since the server runs a oneshot added
        // by a oneshot at once. tasksScheduled stayed set, so none was added.
        tasksScheduled.set(false);
        if (!mainThreadTasks.isEmpty() && tasksScheduled.compareAndSet(false, true))
            TimerHost.schedule(0, unused -> runMainThreadTasks());
    }

    static void runLogged(String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            String who = "module '" + moduleName + "': " + what;
            FailureLog.warn(who, FailureLog.threw(t), () -> "valkey-jvm: " + who + " threw " + t, line -> Log(0, "warning", line));
        }
    }

    /** CommandContext.block. */
    static BlockedClient block(long ctx, long timeoutMillis, Consumer<Replies> onTimeout, Replies replies) {
        if ((GetContextFlags(ctx) & CTX_FLAGS_DENY_BLOCKING) != 0) {
            // Like the server's blocking commands in MULTI or Lua: no waiting, the timeout reply at once.
            onTimeout.accept(replies);
            NativeBlockedClient refused = new NativeBlockedClient(0, onTimeout);
            refused.cancelWithoutHandle();
            return refused;
        }
        long handle = BlockClient(ctx, NativeAccess.blockingCallback(REPLY), NativeAccess.blockingCallback(TIMEOUT),
                NativeAccess.blockingCallback(FREE), Math.max(0, timeoutMillis));
        NativeBlockedClient client = new NativeBlockedClient(handle, onTimeout);
        blocked.put(handle, client);
        SetDisconnectCallback(handle, NativeAccess.blockingCallback(DISCONNECTED));
        return client;
    }

    private static final List<Runnable> shutdownActions = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Server.onShutdown. */
    public static void addShutdownAction(Runnable action) {
        shutdownActions.add(action);
    }

    /** The server's Shutdown event. */
    public static void shutdown() {
        for (Runnable action : shutdownActions) runLogged("a shutdown action", action);
    }

    /** Runs ValkeyModule_Yield for a command (main thread); main-thread tasks wait until it returns. */
    static void yieldFor(Runnable yield) {
        yielding++;
        try {
            yield.run();
        } finally {
            yielding--;
        }
    }

    /** Timer callback. */
    public static void timerFired(long ctx, long key) {
        TimerHost.fired(ctx, key);
    }

    /** CommandContext.blockOnKeys. */
    static void blockOnKeys(long ctx, List<ValkeyString> keys, long timeoutMillis, KeyReadyHandler onReady,
                            Consumer<Replies> onTimeout, boolean wakeOnDelete, Replies replies) {
        if ((GetContextFlags(ctx) & CTX_FLAGS_DENY_BLOCKING) != 0) {
            onTimeout.accept(replies);
            return;
        }
        long id = nextKeyBlockId.incrementAndGet();
        keyBlocked.put(id, new KeyBlocked(onReady, onTimeout));
        byte[][] names = keys.stream().map(ValkeyString::toByteArray).toArray(byte[][]::new);
        if (NativeAccess.blockOnKeys(ctx, names, Math.max(0, timeoutMillis), id, wakeOnDelete ? BLOCK_UNBLOCK_DELETED : 0) == 0) {
            keyBlocked.remove(id);
            throw new IllegalStateException("the server refused to block the client on keys");
        }
    }

    /** CommandContext.blockWatchingKeys. */
    static KeyWatchingClient blockWatchingKeys(long ctx, List<ValkeyString> keys, long timeoutMillis,
                                               Consumer<Replies> onTimeout, boolean wakeOnDelete,
                                               KeySignalListener listener, Replies replies) {
        if ((GetContextFlags(ctx) & CTX_FLAGS_DENY_BLOCKING) != 0) {
            onTimeout.accept(replies);
            NativeKeyWatchingClient refused = new NativeKeyWatchingClient(0, onTimeout, listener, moduleName);
            refused.cancelWithoutHandle();
            return refused;
        }
        long id = nextKeyBlockId.incrementAndGet();
        byte[][] names = keys.stream().map(ValkeyString::toByteArray).toArray(byte[][]::new);
        // No server timeout: the client's own timer, which stops once it has taken what it waits for.
        long handle = NativeAccess.blockOnKeys(ctx, names, 0, id, wakeOnDelete ? BLOCK_UNBLOCK_DELETED : 0);
        if (handle == 0) throw new IllegalStateException("the server refused to block the client on keys");
        NativeKeyWatchingClient client = new NativeKeyWatchingClient(handle, onTimeout, listener, moduleName);
        keyWatching.put(id, client);
        blocked.put(handle, client);
        SetDisconnectCallback(handle, NativeAccess.blockingCallback(DISCONNECTED));
        client.startTimeout(timeoutMillis);
        return client;
    }

    /** Key-ready callback: 1 if the client was served, 0 to keep it waiting. */
    public static int keyReady(long ctx, long argv, int argc) {
        long id = GetBlockedClientPrivateData(ctx);
        KeyBlocked client = keyBlocked.get(id);
        if (client == null) {
            NativeKeyWatchingClient watching = keyWatching.get(id);
            if (watching != null) watching.signalled(ctx, Strings.owning(NativeAccess.stringBytes(GetBlockedClientReadyKey(ctx))));
            return 0;
        }
        boolean served = NativeCommandContext.reply(ctx, moduleName, argv, argc, null, context ->
                client.onReady().serve(context, context.args(), Strings.owning(NativeAccess.stringBytes(GetBlockedClientReadyKey(ctx)))));
        return served ? 1 : 0;
    }

    /** How many clients are blocked by this module right now. */
    static int blockedCount() {
        return blocked.size();
    }

    /** Reply callback: the client was unblocked by complete(). */
    public static void reply(long ctx, long argv, int argc) {
        NativeBlockedClient client = blocked.get(GetBlockedClientPrivateData(ctx));
        Consumer<Replies> reply = client == null ? null : client.reply();
        writeReply(ctx, argv, argc, reply != null ? reply : r -> r.replyError("ERR the blocked command ended without a reply"));
    }

    /**
     * Timeout callback: the timeout passed, or CLIENT UNBLOCK; for a key-watching client also its
     * completion and its own timeout, since UnblockClient ends those through here.
     */
    public static void timeout(long ctx, long argv, int argc) {
        long privdata = GetBlockedClientPrivateData(ctx);
        KeyBlocked onKeys = keyBlocked.get(privdata);
        if (onKeys != null) {
            writeReply(ctx, argv, argc, onKeys.onTimeout());
            return;
        }
        NativeKeyWatchingClient watching = keyWatching.get(privdata);
        if (watching != null) {
            watching.markReleased(); // the server ends it now, whichever way
            Consumer<Replies> completed = watching.reply();
            if (completed != null) {
                writeReply(ctx, argv, argc, completed);
            } else {
                writeReply(ctx, argv, argc, watching.onTimeout());
                watching.cancel();
            }
            return;
        }
        NativeBlockedClient client = blocked.get(GetBlockedClientHandle(ctx));
        if (client == null) {
            writeReply(ctx, argv, argc, Replies::replyNullArray);
            return;
        }
        writeReply(ctx, argv, argc, client.onTimeout());
        client.cancel();
    }

    /** Disconnect callback. */
    public static void disconnected(long handle) {
        NativeBlockedClient client = blocked.get(handle);
        if (client == null) return;
        if (client instanceof NativeKeyWatchingClient) client.markReleased(); // the server frees those itself
        client.cancel();
    }

    /** free_privdata: the server is done with the handle. */
    public static void free(long privdata) {
        blocked.remove(privdata);
        keyBlocked.remove(privdata);
        NativeKeyWatchingClient watching = keyWatching.remove(privdata);
        if (watching != null) {
            watching.freed();
            blocked.remove(watching.handle());
        }
    }

    private static void writeReply(long ctx, long argv, int argc, Consumer<Replies> reply) {
        NativeCommandContext.reply(ctx, moduleName, argv, argc, null, context -> {
            reply.accept(context);
            return true;
        });
    }
}
