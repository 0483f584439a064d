package io.valkeyjvm.core;

/**
 * Handles a keyspace notification, on the main thread, while the command (or expiry, eviction,
 * load...) that caused it runs. Read keys there; write through
 * {@link KeyspaceEventContext#afterNotifications}, which runs once the notifications are done
 * (writing inside a notification is what the server discourages). Each handler is its own
 * subscriber, as in a C module: it is not notified of what it causes itself.
 */
@FunctionalInterface
public interface KeyspaceEventHandler {
    /** Handles {@code event} (such as {@code "set"} or {@code "expired"}) of class {@code type} on {@code key}. */
    void handle(KeyspaceEventContext context, KeyspaceEventType type, String event, ValkeyString key);
}
