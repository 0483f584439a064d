package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.RawContexts;
import io.valkeyjvm.raw.RawValkeyApi;

/**
 * The escape hatch's way in: the {@code ValkeyModuleCtx *} behind a context, for calling a
 * function of {@link io.valkeyjvm.raw.ValkeyModuleApi} that the SDK does not wrap yet.
 *
 * <pre>{@code
 * @OptIn(RawValkeyApi::class)
 * command("m.busy", arity = 1) { reply(ValkeyModuleApi.GetContextFlags(RawContext.pointer(context)).toLong()) }
 * }</pre>
 *
 * The pointer is valid only on the context's thread and while the call that provided the context
 * lasts; what a raw call creates is the caller's to free, and nothing is checked.
 */
@RawValkeyApi
public final class RawContext {
    private RawContext() {}

    /**
     * The native context of {@code context} (a command's, a timer's, an event handler's...).
     *
     * @throws IllegalArgumentException for a context that has no server behind it (the test kit's)
     * @throws IllegalStateException off the context's thread, or once its call has returned
     */
    public static long pointer(ModuleContext context) {
        return RawContexts.pointer(context);
    }
}
