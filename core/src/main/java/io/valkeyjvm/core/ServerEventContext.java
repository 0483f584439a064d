package io.valkeyjvm.core;

import java.util.function.Consumer;

/**
 * What an event handler may do: read the server's data, and queue writes for once the current
 * notifications are done. Server event handlers receive it; keyspace notification handlers
 * receive its {@link KeyspaceEventContext}.
 */
public interface ServerEventContext extends ServerAccess {
    /**
     * Runs {@code job} on the main thread once the notifications of the current command (or
     * expiry, eviction...) are done (AddPostNotificationJob, Valkey 7.2): the place for writes an
     * event causes, such as a write caused by {@link ServerEventKind#KEY}, which fires while a key
     * is being removed. The job's writes replicate together with what caused them, as one
     * transaction, in the database the event happened in. Jobs run in the order they were added,
     * those that jobs add included.
     *
     * @return false if the server refused the job: while it loads data, and on a read-only
     *     replica, where writes come from the primary only
     */
    boolean afterNotifications(Consumer<ServerAccess> job);
}
