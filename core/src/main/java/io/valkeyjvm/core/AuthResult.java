package io.valkeyjvm.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AuthCallback} (or a {@link BlockedAuth}) decides about an authentication attempt.
 * Immutable.
 *
 * <pre>{@code
 * AuthResult.allowAclUser("reader")                         // authenticated as an ACL user: OK
 * AuthResult.allow(serviceUser, id -> sessions.remove(id))  // as a module user, told when that ends
 * AuthResult.deny("token expired").withAclLog("token")     // the client reads "ERR token expired"
 * AuthResult.notHandled()                                   // the next callback, then the passwords
 * }</pre>
 */
public final class AuthResult {
    /** The kinds of decision. */
    public enum Kind {
        /** Not this callback's attempt: the next callback decides, then the server's passwords. */
        NOT_HANDLED,
        /** Denied: the client gets an error, and nothing else is tried. */
        DENIED,
        /** Authenticated as a module user. */
        ALLOWED_MODULE_USER,
        /** Authenticated as an ACL user (ACL SETUSER, the ACL file). */
        ALLOWED_ACL_USER,
        /** The callback blocked the client; the decision comes from its {@link BlockedAuth}. */
        BLOCKED,
    }

    private static final AuthResult NOT_HANDLED = new AuthResult(Kind.NOT_HANDLED, null, null, null, null, null);
    private static final AuthResult DENIED = new AuthResult(Kind.DENIED, null, null, null, null, null);
    private static final AuthResult BLOCKED = new AuthResult(Kind.BLOCKED, null, null, null, null, null);

    private final Kind kind;
    private final @Nullable String message;
    private final @Nullable ModuleUser moduleUser;
    private final byte @Nullable [] aclUser;
    private final @Nullable UserChangeListener onUserChange;
    private final @Nullable String aclLogObject;

    private AuthResult(Kind kind, @Nullable String message, @Nullable ModuleUser moduleUser, byte @Nullable [] aclUser,
                       @Nullable UserChangeListener onUserChange, @Nullable String aclLogObject) {
        this.kind = kind;
        this.message = message;
        this.moduleUser = moduleUser;
        this.aclUser = aclUser;
        this.onUserChange = onUserChange;
        this.aclLogObject = aclLogObject;
    }

    /** Not this callback's attempt: the next module callback decides, then the server's own passwords. */
    public static AuthResult notHandled() {
        return NOT_HANDLED;
    }

    /** Denied with the server's own error: {@code WRONGPASS invalid username-password pair or user is disabled.} */
    public static AuthResult deny() {
        return DENIED;
    }

    /**
     * Denied with the error the client reads: {@code message} as is when it starts with an
     * upper-case error code ({@code WRONGPASS ...}), otherwise {@code ERR message}.
     */
    public static AuthResult deny(String message) {
        Objects.requireNonNull(message, "message");
        return new AuthResult(Kind.DENIED, message, null, null, null, null);
    }

    /**
     * Authenticated as {@code user}, which must be on (rule {@code on}) and still open; the client
     * gets {@code OK}. If the server refuses (the user is off or closed), the attempt is denied
     * with {@code WRONGPASS} and the reason goes to the server log.
     */
    public static AuthResult allow(ModuleUser user) {
        return new AuthResult(Kind.ALLOWED_MODULE_USER, null, Objects.requireNonNull(user, "user"), null, null, null);
    }

    /** Like {@link #allow(ModuleUser)}, telling {@code onUserChange} when the client stops being {@code user}. */
    public static AuthResult allow(ModuleUser user, UserChangeListener onUserChange) {
        return new AuthResult(Kind.ALLOWED_MODULE_USER, null, Objects.requireNonNull(user, "user"), null,
                Objects.requireNonNull(onUserChange, "onUserChange"), null);
    }

    /**
     * Authenticated as the ACL user {@code name} (ACL SETUSER, the ACL file); the client gets
     * {@code OK}. If there is no such user or it is off, the attempt is denied with
     * {@code WRONGPASS} and the reason goes to the server log.
     */
    public static AuthResult allowAclUser(String name) {
        return allowAclUser(ValkeyString.of(name));
    }

    /** Like {@link #allowAclUser(String)}, with a binary-safe name (the attempt's own username, say). */
    public static AuthResult allowAclUser(ValkeyString name) {
        return new AuthResult(Kind.ALLOWED_ACL_USER, null, null, name.toByteArray(), null, null);
    }

    /** Like {@link #allowAclUser(String)}, telling {@code onUserChange} when the client stops being that user. */
    public static AuthResult allowAclUser(String name, UserChangeListener onUserChange) {
        return allowAclUser(ValkeyString.of(name), onUserChange);
    }

    /** Like {@link #allowAclUser(ValkeyString)}, telling {@code onUserChange} when the client stops being that user. */
    public static AuthResult allowAclUser(ValkeyString name, UserChangeListener onUserChange) {
        return new AuthResult(Kind.ALLOWED_ACL_USER, null, null, name.toByteArray(), Objects.requireNonNull(onUserChange, "onUserChange"), null);
    }

    /** What a callback returns after {@link AuthContext#block()}: the decision comes later. */
    public static AuthResult blocked() {
        return BLOCKED;
    }

    /**
     * This denial, also written to {@code ACL LOG} (reason {@code auth}, context {@code module},
     * the attempt's username) with {@code object} as the entry's object; for audits, as the
     * server logs its own failed passwords.
     *
     * @throws IllegalStateException if this is not a denial
     */
    public AuthResult withAclLog(String object) {
        if (kind != Kind.DENIED) throw new IllegalStateException("only a denial can be written to ACL LOG, not " + this);
        return new AuthResult(kind, message, null, null, null, Objects.requireNonNull(object, "object"));
    }

    /** The kind of decision. */
    public Kind kind() {
        return kind;
    }

    /** A denial's own message, or null for the server's WRONGPASS line (and for other kinds). */
    public @Nullable String message() {
        return message;
    }

    /** The module user of {@link Kind#ALLOWED_MODULE_USER}, else null. */
    public @Nullable ModuleUser moduleUser() {
        return moduleUser;
    }

    /** The ACL user name of {@link Kind#ALLOWED_ACL_USER}, else null. */
    public @Nullable ValkeyString aclUser() {
        return aclUser == null ? null : ValkeyString.of(aclUser);
    }

    /** Who is told when an allowed client stops being its user, or null. */
    public @Nullable UserChangeListener onUserChange() {
        return onUserChange;
    }

    /** The object of a denial's ACL LOG entry ({@link #withAclLog}), or null for none. */
    public @Nullable String aclLogObject() {
        return aclLogObject;
    }

    @Override
    public String toString() {
        switch (kind) {
            case DENIED: return message == null ? "deny()" : "deny(\"" + message + "\")";
            case ALLOWED_MODULE_USER: return "allow(" + Objects.requireNonNull(moduleUser).name() + ")";
            case ALLOWED_ACL_USER: return "allowAclUser(" + new String(Objects.requireNonNull(aclUser), StandardCharsets.UTF_8) + ")";
            case BLOCKED: return "blocked()";
            default: return "notHandled()";
        }
    }
}
