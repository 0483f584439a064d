package io.valkeyjvm.core;

/**
 * Handles a server event, on the main thread; {@code server} works only during the call. Writes
 * an event causes belong in {@link ServerEventContext#afterNotifications}.
 */
@FunctionalInterface
public interface ServerEventHandler<E extends ServerEvent> {
    /** Handles {@code event}. */
    void handle(ServerEventContext server, E event);
}
