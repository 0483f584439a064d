package io.valkeyjvm.core;

import java.util.function.Consumer;

/** What a keyspace notification handler may do: read the server's data, and queue writes for after the notifications. */
public interface KeyspaceEventContext extends ServerAccess {
    /**
     * Runs {@code job} on the main thread once the notifications of the current command are done
     * (AddPostNotificationJob, Valkey 7.2): the place for writes a notification causes. They
     * replicate together with the command, as one transaction.
     */
    void afterNotifications(Consumer<ServerAccess> job);
}
