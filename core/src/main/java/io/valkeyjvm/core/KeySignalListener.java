package io.valkeyjvm.core;

import org.jspecify.annotations.Nullable;

/**
 * What a client blocked by {@link CommandContext#blockWatchingKeys} does when one of its keys is
 * signalled ready, or when the module asks for a {@link KeyWatchingClient#recheck}: look at the
 * data, and take what the client waits for if it is there. Runs on the main thread, in the
 * blocked client's database; it must not reply (the reply comes from
 * {@link BlockedClient#complete}).
 */
@FunctionalInterface
public interface KeySignalListener {
    /**
     * @param data the server's data, valid during this call only
     * @param readyKey the key that was signalled, or null for a {@link KeyWatchingClient#recheck}
     * @return true once the client has taken what it waits for: from then on its timeout no
     *     longer applies, so what it took cannot be lost to the timeout; it ends when completed
     * @throws Exception to end the client with an error reply
     */
    boolean signalled(ServerAccess data, @Nullable ValkeyString readyKey) throws Exception;
}
