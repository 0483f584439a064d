package io.valkeyjvm.core;

/**
 * A client blocked on authentication by {@link AuthContext#block()}; its decision comes later,
 * from any thread.
 *
 * <p>Exactly one of these ends it: {@link #complete} (or {@link #fail}), or the client
 * disconnecting, which runs the {@link #onCancel} actions. The server's handle is always
 * released, whichever way it ends.
 *
 * <pre>{@code
 * BlockedAuth blocked = ctx.block();
 * executor.submit(() -> blocked.complete(ldap.check(user, password) ? AuthResult.allowAclUser(user) : AuthResult.deny()));
 * return AuthResult.blocked();
 * }</pre>
 */
public interface BlockedAuth {
    /**
     * Unblocks the client with {@code result} ({@link AuthResult#notHandled()} goes on to the
     * next callback and the server's passwords); false if the client had already ended. Any thread.
     *
     * @throws IllegalArgumentException for {@link AuthResult#blocked()}
     */
    boolean complete(AuthResult result);

    /**
     * Unblocks the client denied, as a callback that threw {@code failure} is: a
     * {@link ValkeyException} with its error line, anything else with a generic error and its
     * stack trace in the server log. False if the client had already ended. Any thread.
     */
    boolean fail(Throwable failure);

    /** Runs {@code action} on the main thread if the client disconnects first; at once if it already did. */
    void onCancel(Runnable action);

    /** True once the client disconnected (or could not be blocked at all). */
    boolean isCancelled();
}
