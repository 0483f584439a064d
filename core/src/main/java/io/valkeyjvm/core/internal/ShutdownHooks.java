package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What runs when the server shuts down (its Shutdown event), before the process exits. */
@InternalValkeyJvmApi
public final class ShutdownHooks {
    private static final List<Runnable> actions = new CopyOnWriteArrayList<>();

    private ShutdownHooks() {}

    /** Server.onShutdown. */
    public static void add(Runnable action) {
        actions.add(action);
    }

    /** The server's Shutdown event, on the main thread. */
    static void run() {
        for (Runnable action : actions) ModuleRuntime.runLogged("a shutdown action", action);
    }
}
