package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.List;

/**
 * The module's load arguments as the server records them, for MODULE LIST and the
 * {@code loadmodule} line CONFIG REWRITE writes: the loader's own first ({@code java-home},
 * {@code jvm-option}), then the module's. A module replaces its own part; the loader's stays, so
 * a rewritten config file still starts the JVM the same way. The server records the arguments
 * only once OnLoad has returned.
 */
final class ModuleArguments {
    private static volatile List<byte[]> loaderOwn = List.of();
    private static volatile boolean recorded;

    private ModuleArguments() {}

    /** OnLoad: the loader's own arguments, which every update keeps in front. */
    static void loading(List<byte[]> loaderArguments) {
        loaderOwn = List.copyOf(loaderArguments);
        recorded = false;
    }

    /** OnLoad succeeded: the server records the arguments now. */
    static void loaded() {
        recorded = true;
    }

    static void reset() {
        loaderOwn = List.of();
        recorded = false;
    }

    /** Replaces the module's own arguments with {@code args} (UpdateRuntimeArgs). */
    static void update(long ctx, List<ValkeyString> args) {
        if (!recorded)
            throw new IllegalStateException("the module's load arguments can change only once it is loaded, not during its load"
                    + " (the server records them when OnLoad returns)");
        List<byte[]> own = loaderOwn;
        byte[][] all = new byte[own.size() + args.size()][];
        for (int i = 0; i < own.size(); i++) all[i] = own.get(i);
        for (int i = 0; i < args.size(); i++) all[own.size() + i] = args.get(i).toByteArray();
        int rc = NativeAccess.updateRuntimeArgs(ctx, all);
        if (rc < 0)
            throw new UnsupportedOperationException("changing the module's load arguments needs Valkey 8.1 or later"
                    + " (ValkeyModule_UpdateRuntimeArgs is not available in this valkey-server)");
        if (rc != OK) throw new IllegalStateException("the server refused the module's new load arguments");
    }
}
