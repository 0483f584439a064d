package io.valkeyjvm.core;

/**
 * What a keyspace notification handler may do: read the server's data (the key it was told about
 * included), and queue writes with {@link #afterNotifications} for once the notifications are done.
 * Writing in the handler itself is what the server discourages: a handler is not notified of its
 * own writes (unless the module has {@link ModuleOption#ALLOW_NESTED_KEYSPACE_NOTIFICATIONS}),
 * and key-miss handlers run inside read commands.
 */
public interface KeyspaceEventContext extends ServerEventContext {
    /**
     * Blocks the client whose command caused the notification: it gets the command's own reply,
     * then, once the returned client is completed, a second reply (or {@code onTimeout}'s after
     * {@code timeoutMillis}, 0 for none). Where the client cannot block (MULTI, scripts) nothing
     * is blocked and the returned client is already cancelled.
     *
     * @throws IllegalStateException when no client caused the notification (expiry, eviction, the
     *     AOF), or before Valkey 9.1: Valkey 8.0 crashes when such a client unblocks (its C API too)
     */
    BlockedClient blockClient(long timeoutMillis, java.util.function.Consumer<Replies> onTimeout);
}
