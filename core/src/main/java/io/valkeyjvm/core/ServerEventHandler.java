package io.valkeyjvm.core;

/** Handles a server event, on the main thread; {@code server} works only during the call. */
@FunctionalInterface
public interface ServerEventHandler<E extends ServerEvent> {
    /** Handles {@code event}. */
    void handle(ServerAccess server, E event);
}
