package io.valkeyjvm.core;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ACL user to check permissions of, as its rules stand now: whether it may run a command, use
 * a key, a key prefix or a channel, and entries in ACL LOG on its behalf. For a module that acts
 * on a user's behalf beyond what the server checks itself (keys it opens, commands it calls).
 * Get one with {@link ServerAccess#aclUser}; valid on the thread and during the call that got
 * it; {@link #close()} it (the ACL user itself stays).
 *
 * <pre>{@code
 * try (AclUser user = ctx.aclUser(ctx.userName())) {
 *     if (!user.canAccessKey(key, EnumSet.of(KeyPermission.ACCESS))) {
 *         user.addLogEntry(key, AclLogReason.KEY);
 *         throw ValkeyException.withCode("NOPERM", "no permissions to read that key");
 *     }
 * }
 * }</pre>
 */
public interface AclUser extends AutoCloseable {
    /** The user's name. */
    ValkeyString name();

    /** True if the user may run the command {@code args} (its name first, then its arguments): its command rules only (ACLCheckCommandPermissions). */
    boolean canRunCommand(List<ValkeyString> args);

    /**
     * True if the user's key patterns allow {@code key} for every use in {@code permissions}
     * (ACLCheckKeyPermissions); with none, true if any pattern matches it.
     */
    boolean canAccessKey(ValkeyString key, Set<KeyPermission> permissions);

    /**
     * True if the user's key patterns allow every key that starts with {@code prefix} for every
     * use in {@code permissions} (ACLCheckKeyPrefixPermissions; a trailing {@code *} of the
     * prefix is part of the prefix only when a pattern says so).
     *
     * @throws UnsupportedOperationException on a server older than Valkey 9.1
     */
    boolean canAccessKeyPrefix(ValkeyString prefix, Set<KeyPermission> permissions);

    /** True if the user's channel patterns allow {@code channel} used as {@code flags} say (ACLCheckChannelPermissions). */
    boolean canAccessChannel(ValkeyString channel, Set<ChannelFlag> flags);

    /**
     * Everything the server checks before it runs the command {@code args} for this user in
     * database {@code db}: the command, its keys, its channels and the database
     * (ACLCheckPermissions). Returns null if allowed, else why not.
     *
     * @throws ValkeyException if the server cannot tell: no such command, a wrong number of
     *     arguments, a database out of range
     * @throws UnsupportedOperationException on a server older than Valkey 9.1
     */
    @Nullable AclLogReason check(int db, List<ValkeyString> args);

    /**
     * Adds an entry to ACL LOG for this user, with context {@code module}: {@code object} (the
     * command, key or channel) was refused for {@code reason}.
     */
    void addLogEntry(ValkeyString object, AclLogReason reason);

    /** Releases the handle; the ACL user stays. */
    @Override
    void close();
}
