package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.ModuleContext;
import io.valkeyjvm.raw.ValkeyModuleApi;

/** A {@link ModuleContext} over a {@code ValkeyModuleCtx *} that is valid for the current call. */
class NativeModuleContext implements ModuleContext {
    private final String moduleName;
    private final Thread owner = Thread.currentThread();
    /** The native context; 0 once the call that owns it has returned. */
    protected long ctx;

    NativeModuleContext(long ctx, String moduleName) {
        this.ctx = ctx;
        this.moduleName = moduleName;
    }

    @Override
    public String moduleName() {
        return moduleName;
    }

    @Override
    public void log(LogLevel level, String message) {
        ValkeyModuleApi.Log(live(), level.serverName(), message);
    }

    /** The native context, or an IllegalStateException once the call has returned. */
    protected final long live() {
        // The module API is not thread-safe: a context works only on the thread of its call.
        if (Thread.currentThread() != owner)
            throw new IllegalStateException("this context belongs to the server's main thread, not " + Thread.currentThread().getName()
                    + "; reply from a suspending block by returning the result, or use the main dispatcher");
        long c = ctx;
        if (c == 0) throw new IllegalStateException("this context is no longer valid: the call that received it has returned");
        return c;
    }

    void invalidate() {
        ctx = 0;
    }
}
