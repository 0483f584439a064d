package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.AUTH_CALLBACKS;
import static io.valkeyjvm.raw.LoaderContract.CALLBACK_USER_CHANGED;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.ACL_LOG_AUTH;
import static io.valkeyjvm.raw.ValkeyModuleConstants.AUTH_HANDLED;
import static io.valkeyjvm.raw.ValkeyModuleConstants.AUTH_NOT_HANDLED;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.AuthCallback;
import io.valkeyjvm.core.AuthResult;
import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.ModuleDefinition;
import io.valkeyjvm.core.ModuleUser;
import io.valkeyjvm.core.UserChangeListener;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The module's authentication: its auth callbacks (one loader callback each, by registration
 * number), clients blocked on authentication, the user-changed listeners of the clients it
 * authenticated, and its module users, freed when it unloads. The server's callbacks arrive on
 * the main thread through {@link LoaderEntry}; none lets an exception reach the loader.
 */
@InternalValkeyJvmApi
public final class AuthHost {
    /** What a client reads when a callback failed unexpectedly: nothing of the module's internals. */
    static final String FAILED = "ERR authentication failed (an error in a module; see the server log)";
    /** The server's own error when a module blocks a client in MULTI. */
    static final String CANNOT_BLOCK = "ERR Blocking module command called from transaction";

    /** The callbacks by registration number; the server holds the loader's callback of the same number. Main thread. */
    private static final List<AuthCallback> callbacks = new ArrayList<>();
    private static final Map<Long, UserChangeListener> listeners = new ConcurrentHashMap<>();
    private static final AtomicLong nextListener = new AtomicLong();
    /** The module users still open. Main thread. */
    private static final List<NativeModuleUser> users = new ArrayList<>();

    private AuthHost() {}

    /** OnLoad: the declared callbacks, registered so that the first declared is tried first (the server tries the latest first). */
    static void register(long ctx, ModuleDefinition definition) throws LoadFailure {
        List<AuthCallback> declared = definition.authCallbacks();
        if (declared.size() > AUTH_CALLBACKS)
            throw new LoadFailure("module '" + definition.name() + "' declares " + declared.size()
                    + " auth callbacks; a JVM module can have at most " + AUTH_CALLBACKS);
        for (int i = declared.size() - 1; i >= 0; i--) add(ctx, declared.get(i));
    }

    /** AuthCallbacks.register, on the main thread. */
    public static void registerAtRunTime(AuthCallback callback) {
        Objects.requireNonNull(callback, "callback");
        if (callbacks.size() >= AUTH_CALLBACKS)
            throw new IllegalStateException("a JVM module can register at most " + AUTH_CALLBACKS + " auth callbacks; this one has them all");
        add(ServerHost.context(), callback);
    }

    private static void add(long ctx, AuthCallback callback) {
        int index = callbacks.size();
        callbacks.add(callback);
        RegisterAuthCallback(ctx, NativeAccess.authCallback(index));
    }

    /** The module is gone (unloaded, or its load failed): the server dropped its callbacks; its users are freed here. */
    static void unregister() {
        callbacks.clear();
        listeners.clear();
        for (NativeModuleUser user : new ArrayList<>(users)) {
            try {
                user.close();
            } catch (Throwable ignored) {
                // The unload goes on; a user the server could not free is its own.
            }
        }
        users.clear();
    }

    // --- The server's callbacks ---

    /** Auth callback number {@code index}: AUTH_HANDLED or AUTH_NOT_HANDLED. */
    static int authenticate(int index, long ctx, long username, long password, long err) {
        AuthCallback callback = index < callbacks.size() ? callbacks.get(index) : null;
        if (callback == null) return AUTH_NOT_HANDLED;
        NativeAuthContext context;
        ValkeyString user, pass;
        try {
            context = new NativeAuthContext(ctx, ModuleRuntime.name());
            user = Strings.owning(NativeAccess.stringBytes(username));
            pass = Strings.owning(NativeAccess.stringBytes(password));
        } catch (Throwable t) {
            return AUTH_HANDLED; // not even this fits (a full heap): denied
        }
        try {
            AuthResult result = callback.authenticate(context, user, pass);
            NativeBlockedAuth blocked = context.blocked();
            if (blocked != null && !blocked.refused()) {
                // A decision returned after blocking all the same reaches the client once it is back.
                if (result == null || result.kind() != AuthResult.Kind.BLOCKED)
                    blocked.complete(result != null ? result : AuthResult.deny(bugLine("returned null after blocking the client")));
                return AUTH_HANDLED;
            }
            if (result == null) return deny(bugLine("returned null"), err);
            if (result.kind() == AuthResult.Kind.BLOCKED)
                return deny(blocked != null ? CANNOT_BLOCK : bugLine("returned blocked() without blocking the client"), err);
            return apply(ctx, result, username, err);
        } catch (Throwable t) {
            NativeBlockedAuth blocked = context.blocked();
            if (blocked != null && !blocked.refused()) {
                blocked.fail(t);
                return AUTH_HANDLED;
            }
            return deny(failureLine("an auth callback", t), err);
        } finally {
            context.invalidate();
        }
    }

    /** BlockClientOnAuth's reply callback: the blocked client's decision, applied in the client's context. */
    static int authReply(long ctx, long username, long password, long err) {
        try {
            NativeBlockedClient client = BlockedClients.byPrivateData(GetBlockedClientPrivateData(ctx));
            AuthResult result = client instanceof NativeBlockedAuth ? ((NativeBlockedAuth) client).decision() : null;
            if (result == null) return deny("ERR the module's blocked authentication ended without a decision", err);
            return apply(ctx, result, username, err);
        } catch (Throwable t) {
            return deny(failureLine("a blocked authentication's decision", t), err);
        }
    }

    /** The user of a client the module authenticated changed. */
    static void userChanged(long clientId, long listenerId) {
        UserChangeListener listener = listeners.remove(listenerId);
        if (listener != null) ModuleRuntime.runLogged("a client's user-change listener", () -> listener.userChanged(clientId));
    }

    // --- Decisions ---

    /** Carries out {@code result} in an auth context: AUTH_HANDLED or AUTH_NOT_HANDLED. */
    private static int apply(long ctx, AuthResult result, long username, long err) {
        switch (result.kind()) {
            case NOT_HANDLED:
                return AUTH_NOT_HANDLED;
            case DENIED:
                if (result.aclLogObject() != null) aclLog(ctx, username, result.aclLogObject());
                return result.message() == null ? AUTH_HANDLED : deny(ErrorReplies.format(result.message()), err);
            case ALLOWED_MODULE_USER:
            case ALLOWED_ACL_USER:
                String refused = authenticate(ctx, result.moduleUser(), result.aclUser(), result.onUserChange());
                if (refused != null) {
                    String who = ModuleRuntime.who("an auth callback");
                    FailureLog.warn(who, "allowed a user the server refused", () -> "valkey-jvm: " + who + " allowed " + result
                            + ", which the server refused (" + refused + "); the client was denied", AuthHost::warn);
                }
                return AUTH_HANDLED; // authenticated, or (refused) denied with the server's WRONGPASS
            default:
                return deny("ERR a blocked authentication was completed with blocked() (a bug in the module)", err);
        }
    }

    /** Denies with the error line {@code line}, which the server frees after replying it. */
    private static int deny(String line, long err) {
        if (err != 0) {
            byte[] bytes = ("-" + line).getBytes(StandardCharsets.UTF_8);
            NativeAccess.storeAddress(err, CreateString(0, bytes, bytes.length));
        }
        return AUTH_HANDLED;
    }

    private static void aclLog(long ctx, long username, String object) {
        byte[] bytes = object.getBytes(StandardCharsets.UTF_8);
        long entry = CreateString(0, bytes, bytes.length);
        try {
            ACLAddLogEntryByUserName(ctx, username, entry, ACL_LOG_AUTH);
        } finally {
            FreeString(0, entry);
        }
    }

    /** A module bug: logged, and the attempt denied with a line that says so. */
    private static String bugLine(String problem) {
        String who = ModuleRuntime.who("an auth callback");
        FailureLog.warn(who, problem, () -> "valkey-jvm: " + who + " " + problem + " (a bug in the module); the client was denied",
                AuthHost::warn);
        return "ERR the module's auth callback " + problem + " (a bug in the module)";
    }

    /** What the client reads for a callback's throw: a ValkeyException's line, else a generic one (logged). */
    static String failureLine(String what, Throwable t) {
        if (t instanceof OutOfMemoryError) HeapGuard.wake();
        if (ErrorReplies.isExpected(t)) return ErrorReplies.of(t);
        try {
            String who = ModuleRuntime.who(what);
            FailureLog.warn(who, FailureLog.threw(t), () -> "valkey-jvm: " + who + " threw " + ErrorReplies.stackTrace(t) + "; the client was denied",
                    AuthHost::warn);
        } catch (Throwable ignored) {
            // The denial matters more than its log line.
        }
        return FAILED;
    }

    private static void warn(String line) {
        ServerHost.log(LogLevel.WARNING, line);
    }

    // --- Authenticating the client of a context ---

    /**
     * Authenticates the client of {@code ctx} as the module user or the ACL user (exactly one
     * given); null on success, else why the server refused.
     */
    static @Nullable String authenticate(long ctx, @Nullable ModuleUser moduleUser, @Nullable ValkeyString aclUser,
                                         @Nullable UserChangeListener onUserChange) {
        long listener = 0;
        if (onUserChange != null) {
            listener = nextListener.incrementAndGet();
            listeners.put(listener, onUserChange);
        }
        long callback = onUserChange == null ? 0 : NativeAccess.callback(CALLBACK_USER_CHANGED);
        int rc;
        String refusal;
        if (moduleUser != null) {
            if (!(moduleUser instanceof NativeModuleUser))
                throw new IllegalArgumentException("a module user comes from ModuleUser.create, not " + moduleUser.getClass().getName());
            NativeModuleUser user = (NativeModuleUser) moduleUser;
            long handle = user.handleOrZero();
            rc = handle == 0 ? -1 : AuthenticateClientWithUser(ctx, handle, callback, listener, 0);
            refusal = handle == 0 ? "module user '" + user.name() + "' is closed"
                    : "module user '" + user.name() + "' is off, or the context has no real client";
        } else {
            byte[] name = Objects.requireNonNull(aclUser).toByteArray();
            rc = AuthenticateClientWithACLUser(ctx, name, name.length, callback, listener, 0);
            refusal = "no ACL user '" + aclUser + "', or it is off, or the context has no real client";
        }
        if (rc == OK) return null;
        if (listener != 0) listeners.remove(listener);
        return refusal;
    }

    /** CommandContext.authenticateClient*: the client's id, or a ValkeyException saying why not. */
    static long authenticateCommandClient(long ctx, @Nullable ModuleUser moduleUser, @Nullable ValkeyString aclUser,
                                          @Nullable UserChangeListener onUserChange) {
        String refused = authenticate(ctx, moduleUser, aclUser, onUserChange);
        if (refused != null) throw ValkeyException.error("cannot authenticate the client: " + refused);
        return GetClientId(ctx);
    }

    // --- Module users ---

    public static ModuleUser createUser(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.chars().anyMatch(c -> c == 0 || Character.isWhitespace(c)))
            throw new IllegalArgumentException("a module user's name is not empty and has no whitespace or NUL: '" + name + "'");
        long handle = CreateModuleUser(name);
        if (handle == 0) throw new IllegalStateException("the server could not create module user '" + name + "'");
        NativeModuleUser user = new NativeModuleUser(name, handle);
        users.add(user);
        return user;
    }

    static void forget(NativeModuleUser user) {
        users.remove(user);
    }
}
