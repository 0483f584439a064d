package io.valkeyjvm.core;

/**
 * What an {@link AuthCallback} may do while it runs: read the server's data (credentials kept in
 * keys, say), know the client, and block it to decide later. Valid only while the callback runs,
 * on the main thread.
 */
public interface AuthContext extends ServerAccess {
    /** The id of the client that is authenticating (CLIENT ID). */
    long clientId();

    /**
     * True if the client can be blocked ({@link #block}); false inside MULTI, where the server
     * cannot suspend an {@code AUTH}.
     */
    boolean canBlock();

    /**
     * Blocks the client (BlockClientOnAuth): the callback then returns {@link AuthResult#blocked()},
     * and the decision comes from {@link BlockedAuth#complete}, from any thread. The server serves
     * other clients meanwhile; the time until the decision counts in the {@code AUTH} command's
     * statistics. A module cannot unload while one of its clients is blocked.
     *
     * <p>Where the client cannot block ({@link #canBlock()} is false), nothing blocks: the returned
     * handle is already cancelled, and a callback that returns {@link AuthResult#blocked()} denies
     * the attempt with the server's own error for that case.
     *
     * @throws IllegalStateException if the callback has already blocked the client
     */
    BlockedAuth block();
}
