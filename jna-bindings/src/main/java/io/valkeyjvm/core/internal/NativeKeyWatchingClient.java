package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.KeySignalListener;
import io.valkeyjvm.core.KeyWatchingClient;
import io.valkeyjvm.core.Replies;
import io.valkeyjvm.core.ValkeyString;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked on keys whose reply comes from {@link #complete}, not from a key-ready check.
 * The server ends such clients itself on timeout and disconnection; the module ends them with
 * UnblockClient, which runs the timeout callback at once (where the reply is written), so that
 * call is made only on the main thread, from a task of its own.
 */
final class NativeKeyWatchingClient extends NativeBlockedClient implements KeyWatchingClient {
    private final KeySignalListener listener;
    private final String moduleName;

    NativeKeyWatchingClient(long handle, Consumer<Replies> onTimeout, KeySignalListener listener, String moduleName) {
        super(handle, onTimeout);
        this.listener = listener;
        this.moduleName = moduleName;
    }

    @Override
    void release() {
        if (!released()) BlockingHost.executeOnMainThread(this::releaseOnMainThread);
    }

    private void releaseOnMainThread() {
        if (released()) return;
        markReleased();
        UnblockClient(handle(), 0);
    }

    @Override
    public void recheck() {
        BlockingHost.executeOnMainThread(() -> {
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
        if (!waiting()) return;
        NativeModuleContext access = new NativeModuleContext(ctx, moduleName);
        try {
            listener.signalled(access, readyKey);
        } catch (Throwable t) {
            fail(t);
        } finally {
            access.invalidate();
        }
    }
}
