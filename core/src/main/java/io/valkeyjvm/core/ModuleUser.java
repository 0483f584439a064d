package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.AuthHost;

/**
 * A user the module creates (CreateModuleUser), with ACL rules of its own, to authenticate
 * clients as ({@link AuthResult#allow(ModuleUser)}, {@link CommandContext#authenticateClient}).
 * The server's ACL commands do not list it; its name need not be unique. A new user is off and
 * may do nothing: give it rules, {@code on} included.
 *
 * <pre>{@code
 * ModuleUser reader = ModuleUser.create("reader").setAclRules("on ~cache:* +@read");
 * }</pre>
 *
 * <p>Closing it (FreeModuleUser) disconnects the clients authenticated as it. The SDK closes the
 * module's users that are still open when it unloads. Use it on the main thread (a command, an
 * auth callback, a timer, {@code withValkey}); a closed user's methods throw
 * {@link IllegalStateException}.
 */
public interface ModuleUser extends AutoCloseable {
    /**
     * Creates a module user named {@code name} (no whitespace or NUL); it starts off, with no
     * permissions.
     *
     * @throws IllegalStateException off the main thread
     */
    static ModuleUser create(String name) {
        MainThread.check("ModuleUser.create");
        return AuthHost.createUser(name);
    }

    /** The user's name, as {@code ACL WHOAMI} and {@code CLIENT LIST} show it. */
    String name();

    /**
     * Applies one ACL rule as {@code ACL SETUSER} takes it ({@code "on"}, {@code "+@all"},
     * {@code "~*"}, {@code ">password"}; SetModuleUserACL); a rule with spaces stays one rule.
     *
     * @return this user
     * @throws IllegalArgumentException if the server refuses the rule
     */
    ModuleUser setAcl(String rule);

    /**
     * Applies a whole list of rules, as {@code ACL SETUSER name ...} takes them
     * ({@code "on ~* +@all"}; SetModuleUserACLString); all of them or, if one is refused, none.
     *
     * @return this user
     * @throws IllegalArgumentException with the server's reason, if it refuses the rules
     */
    ModuleUser setAclRules(String rules);

    /** The user's rules as {@code ACL LIST} would show them ({@code "on resetchannels ~* +@all"}; GetModuleUserACLString). */
    String aclRules();

    /** False once closed (by {@link #close()}, or by the SDK when the module unloads). */
    boolean isOpen();

    /** Frees the user (FreeModuleUser) and disconnects the clients authenticated as it; a second close does nothing. */
    @Override
    void close();
}
