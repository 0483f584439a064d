package io.valkeyjvm.core;

/**
 * Told, once, when a client the module authenticated stops being that user: it authenticated
 * again (as anyone, the same user included), {@code CLIENT RESET}, its authentication was revoked
 * ({@link ServerAccess#deauthenticateAndCloseClient}), or it disconnected (also when its module
 * user is freed, which closes it). Runs on the main thread; the place to drop what the module
 * keeps about the client. Not called when the module itself unloads.
 */
@FunctionalInterface
public interface UserChangeListener {
    /** Client {@code clientId} is no longer the user the module authenticated it as. */
    void userChanged(long clientId);
}
