package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.AuthHost;

/**
 * Auth callbacks registered while the module runs (RegisterAuthCallback); the ones a module always
 * has are declared with {@link ModuleDefinition.Builder#authCallback}. The server tries the most
 * recently registered callback first, across modules; it unregisters a module's callbacks when it
 * unloads.
 */
public final class AuthCallbacks {
    private AuthCallbacks() {}

    /**
     * Registers {@code callback}, tried before every callback registered until now. Call it on
     * the main thread; a JVM module can register at most 32 auth callbacks in all.
     *
     * @throws IllegalStateException off the main thread, or past the limit
     */
    public static void register(AuthCallback callback) {
        MainThread.check("AuthCallbacks.register");
        AuthHost.registerAtRunTime(callback);
    }
}
