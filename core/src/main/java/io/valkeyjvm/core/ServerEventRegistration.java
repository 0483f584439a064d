package io.valkeyjvm.core;

/**
 * A server event handler the module subscribed while running ({@link ModuleContext#subscribe}); the
 * server drops it at unload anyway.
 */
public interface ServerEventRegistration {
    /**
     * Stops the handler (main thread). When no other handler of the module wants the event, the
     * server stops sending it, so an event such as a command result costs nothing again.
     *
     * @return false if it was already unsubscribed
     */
    boolean unsubscribe();
}
