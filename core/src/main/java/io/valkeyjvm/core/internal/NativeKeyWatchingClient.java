package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.KeySignalListener;
import io.valkeyjvm.core.KeyWatchingClient;
import io.valkeyjvm.core.Replies;
import io.valkeyjvm.core.Timer;
import io.valkeyjvm.core.ValkeyString;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked on keys whose reply comes from {@link #complete}, not from a key-ready check.
 * The server ends such clients itself on disconnection and CLIENT UNBLOCK; the module ends them
 * with UnblockClient, which runs the timeout callback at once (where the reply is written), so
 * that call is made only on the main thread, from a task of its own.
 *
 * <p>The timeout is the module's own timer, not the server's: it must not fire once the listener
 * has taken what the client waits for, or the thing taken would be lost with a timeout reply.
 */
final class NativeKeyWatchingClient extends NativeBlockedClient implements KeyWatchingClient {
    private final KeySignalListener listener;
    private final String moduleName;
    /** Main thread: the listener took what the client waits for. */
    private boolean served;
    /** Main thread: the pending timeout, if any. */
    private @Nullable Timer timeout;

    NativeKeyWatchingClient(long handle, Consumer<Replies> onTimeout, KeySignalListener listener, String moduleName) {
        super(handle, onTimeout);
        this.listener = listener;
        this.moduleName = moduleName;
    }

    /** Starts the timeout (main thread, in the command); 0 means none. */
    void startTimeout(long timeoutMillis) {
        if (timeoutMillis > 0) timeout = TimerHost.schedule(timeoutMillis, unused -> timedOut());
    }

    private void timedOut() {
        timeout = null;
        if (!served && !released()) cancel(); // cancel releases: the timeout callback then replies onTimeout
    }

    /** The server is done with the handle (main thread). */
    void freed() {
        markReleased();
        Timer pending = timeout;
        timeout = null;
        if (pending != null) pending.stop(); // a pending timer would hold MODULE UNLOAD back
    }

    @Override
    void release() {
        if (!released()) MainThreadQueue.execute(this::releaseOnMainThread);
    }

    private void releaseOnMainThread() {
        if (released()) return;
        markReleased();
        UnblockClient(handle(), 0);
    }

    @Override
    public void recheck() {
        MainThreadQueue.execute(() -> {
            if (!waiting() || released()) return;
            long threadSafe = GetThreadSafeContext(handle()); // bound to the client: its database
            try {
                signalled(threadSafe, null);
            } finally {
                FreeThreadSafeContext(threadSafe);
            }
        });
    }

    /** A watched key was signalled (or a recheck is due): main thread, over {@code ctx}. */
    void signalled(long ctx, @Nullable ValkeyString readyKey) {
        if (!waiting() || released()) return;
        NativeModuleContext access = new NativeModuleContext(ctx, moduleName);
        try {
            if (listener.signalled(access, readyKey)) served = true;
        } catch (Throwable t) {
            fail(t);
        } finally {
            access.invalidate();
        }
    }
}
