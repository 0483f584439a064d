package io.valkeyjvm.core;

/**
 * What a keyspace notification handler may do: read the server's data (the key it was told about
 * included), and queue writes with {@link #afterNotifications} for once the notifications are done.
 * Writing in the handler itself is what the server discourages: a handler is not notified of its
 * own writes (unless the module has {@link ModuleOption#ALLOW_NESTED_KEYSPACE_NOTIFICATIONS}),
 * and key-miss handlers run inside read commands.
 */
public interface KeyspaceEventContext extends ServerEventContext {}
