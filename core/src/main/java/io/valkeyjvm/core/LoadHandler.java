package io.valkeyjvm.core;

import java.util.List;

/** Code run when the module loads, after its commands are registered; throwing fails the load. */
@FunctionalInterface
public interface LoadHandler {
    /**
     * {@code args} are the module arguments (after the loader's own java-home/jvm-option pairs);
     * {@code ctx} reaches the server as a command's does (calls, keys, the log).
     */
    void onLoad(ServerAccess ctx, List<ValkeyString> args) throws Exception;
}
