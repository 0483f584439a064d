package io.valkeyjvm.core;

import org.jspecify.annotations.Nullable;

/**
 * What a client blocked by {@link CommandContext#blockWatchingKeys} does when one of its keys is
 * signalled ready, or when the module asks for a {@link KeyWatchingClient#recheck}: look at the
 * data, and {@link BlockedClient#complete complete} the client if it has what it waits for.
 * Runs on the main thread, in the blocked client's database; it must not reply.
 */
@FunctionalInterface
public interface KeySignalListener {
    /**
     * @param data the server's data, valid during this call only
     * @param readyKey the key that was signalled, or null for a {@link KeyWatchingClient#recheck}
     * @throws Exception to end the client with an error reply
     */
    void signalled(ServerAccess data, @Nullable ValkeyString readyKey) throws Exception;
}
