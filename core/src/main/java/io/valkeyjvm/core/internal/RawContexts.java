package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.ModuleContext;

/** The native context behind a context the SDK handed out, for {@link io.valkeyjvm.core.RawContext}. */
@InternalValkeyJvmApi
public final class RawContexts {
    private RawContexts() {}

    /**
     * The {@code ValkeyModuleCtx *} of {@code context}, checked as every use of it is: on its
     * thread, while its call lasts.
     *
     * @throws IllegalArgumentException for a context the server did not provide (a test context)
     * @throws IllegalStateException off its thread, or once its call has returned
     */
    public static long pointer(ModuleContext context) {
        if (context instanceof NativeModuleContext) return ((NativeModuleContext) context).live();
        throw new IllegalArgumentException("this context (" + context.getClass().getName() + ") has no server context behind it;"
                + " raw API calls need a live server");
    }
}
