package io.valkeyjvm.core;

/** Code run on {@code MODULE UNLOAD}; throwing refuses the unload and logs the message. */
@FunctionalInterface
public interface UnloadHandler {
    /** Releases what the module holds outside the server. */
    void onUnload(ServerAccess ctx) throws Exception;
}
