package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.BlockedClient;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A blocked client and its server handle; see {@link BlockedClient} for the rules. */
class NativeBlockedClient implements BlockedClient {
    enum State { WAITING, COMPLETED, CANCELLED }

    private final long handle;
    private final Consumer<Replies> onTimeout;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile @Nullable Consumer<? super CommandContext> reply;
    private final List<Runnable> cancelActions = new ArrayList<>(1);

    NativeBlockedClient(long handle, Consumer<Replies> onTimeout) {
        this.handle = handle;
        this.onTimeout = onTimeout;
    }

    long handle() {
        return handle;
    }

    @Override
    public boolean complete(Consumer<? super CommandContext> reply) {
        if (!state.compareAndSet(State.WAITING, State.COMPLETED)) return false;
        this.reply = reply;
        release();
        return true;
    }

    @Override
    public boolean fail(Throwable failure) {
        // Thrown from the reply callback, so that it meets the one mapping (and log line) a command's throw meets.
        return complete(r -> { throw NativeBlockedClient.<RuntimeException>rethrow(failure); });
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable failure) throws T {
        throw (T) failure;
    }

    /** Gives the handle back to the server, exactly once; the server then calls reply (or only free). */
    void release() {
        if (released.compareAndSet(false, true)) UnblockClient(handle, handle);
    }

    /** True once the handle went back to the server (or was never taken). */
    final boolean released() {
        return released.get();
    }

    /** Marks the handle as given back without giving it: the server ends this client itself. */
    final void markReleased() {
        released.set(true);
    }

    /** True while neither complete nor a cancel has ended the client. */
    final boolean waiting() {
        return state.get() == State.WAITING;
    }

    @Override
    public void onCancel(Runnable action) {
        boolean runNow;
        synchronized (cancelActions) {
            runNow = state.get() == State.CANCELLED;
            if (!runNow) cancelActions.add(action);
        }
        if (runNow) MainThreadQueue.execute(action);
    }

    @Override
    public boolean isCancelled() {
        return state.get() == State.CANCELLED;
    }

    /** Timeout, disconnection or CLIENT UNBLOCK (main thread): cancels and releases; true if it was still waiting. */
    boolean cancel() {
        if (!state.compareAndSet(State.WAITING, State.CANCELLED)) return false;
        List<Runnable> actions;
        synchronized (cancelActions) {
            actions = new ArrayList<>(cancelActions);
            cancelActions.clear();
        }
        for (Runnable action : actions) ModuleRuntime.runLogged("a blocked client's cancel action", action);
        release();
        return true;
    }

    /** A client that was never blocked (blocking denied): already cancelled, no handle to release. */
    void cancelWithoutHandle() {
        state.set(State.CANCELLED);
        released.set(true);
    }

    @Nullable Consumer<? super CommandContext> reply() {
        return reply;
    }

    Consumer<Replies> onTimeout() {
        return onTimeout;
    }
}
