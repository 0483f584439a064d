package io.valkeyjvm.core;

/**
 * Module authentication (RegisterAuthCallback): runs when a client sends {@code AUTH} or
 * {@code HELLO ... AUTH}, before the server checks its own passwords, on the main thread, and
 * decides with an {@link AuthResult}:
 *
 * <ul>
 *   <li>{@link AuthResult#allow(ModuleUser)} or {@link AuthResult#allowAclUser(String)}: the
 *       client is authenticated as that user and gets {@code OK};</li>
 *   <li>{@link AuthResult#deny(String)}: the client gets that error (by default the server's
 *       {@code WRONGPASS} line), and no other callback or password is tried;</li>
 *   <li>{@link AuthResult#notHandled()}: the next callback decides, then the server's passwords;</li>
 *   <li>{@link AuthContext#block()} then {@link AuthResult#blocked()}: the decision comes later,
 *       from any thread, while the server serves other clients.</li>
 * </ul>
 *
 * <pre>{@code
 * .authCallback((ctx, username, password) -> {
 *     if (!username.toText().equals("svc")) return AuthResult.notHandled();
 *     return tokens.isValid(password) ? AuthResult.allowAclUser("svc") : AuthResult.deny("invalid token");
 * })
 * }</pre>
 *
 * <p>An exception thrown here denies the attempt: a {@link ValkeyException} with its own error
 * line, anything else with a generic error, its stack trace going to the server log (an
 * unauthenticated client never reads the module's internals). Keep it quick: block for anything
 * slow.
 */
@FunctionalInterface
public interface AuthCallback {
    /** Decides on the client's attempt with {@code username} and {@code password} (both binary-safe). */
    AuthResult authenticate(AuthContext ctx, ValkeyString username, ValkeyString password) throws Exception;
}
