package io.valkeyjvm.core;

import java.util.List;
import java.util.Set;

/**
 * What module code may do with the server's data: open keys, call commands, wake blocked
 * clients. A command's context offers it; outside commands, {@link Server#onMainThread} and
 * {@link Server#withLock} do. Valid only during the call that provides it, on its thread.
 */
public interface ServerAccess extends ModuleContext {
    /** Opens {@code name} for reading; keys still open when the call ends are closed then. */
    Key openKey(ValkeyString name);

    /** Opens {@code name} for reading and writing. */
    Key openKeyForWrite(ValkeyString name);

    /**
     * True if {@code name} exists in the selected database (KeyExists), without touching its
     * access time. Otherwise it reads the key as a client does: it counts a keyspace hit or miss,
     * fires a key-miss notification, and deletes the key if its time has passed. For none of
     * that, open the key with {@link KeyOpenFlag#NO_EFFECTS} and ask {@link Key#isEmpty()}.
     */
    boolean keyExists(ValkeyString name);

    /** The number of the database this context works on. */
    int selectedDb();

    /**
     * Makes this context work on database {@code db} (SelectDb): keys opened afterwards are
     * there, and so are commands run with {@link #call}. In a command, the client stays on
     * {@code db} after the command returns, as after SELECT: a command that only visits another
     * database selects the old one again before it returns.
     *
     * @throws IllegalArgumentException if the server has no database {@code db}
     */
    void selectDb(int db);

    /** The number of keys in the selected database (DbSize). */
    long dbSize();

    /** A random key of the selected database, or null if it has none (RandomKey). */
    @org.jspecify.annotations.Nullable ValkeyString randomKey();

    /**
     * Opens {@code name} for reading, the way {@code flags} say: without touching its access time,
     * counting a hit or miss, firing a key-miss notification or deleting it if it has expired.
     */
    Key openKey(ValkeyString name, Set<KeyOpenFlag> flags);

    /** Opens {@code name} for reading and writing, the way {@code flags} say (see {@link #openKey(ValkeyString, Set)}). */
    Key openKeyForWrite(ValkeyString name, Set<KeyOpenFlag> flags);

    /**
     * Runs a command (ValkeyModule_Call) and returns its reply as a {@link ReplyValue}, in RESP3
     * (doubles, booleans, maps, sets, big numbers and verbatim strings keep their types), strings
     * binary-safe. Writes are propagated to replicas and the AOF. Arguments are ValkeyString,
     * byte[], String or numbers.
     *
     * <pre>{@code
     * long length = ctx.call("LLEN", key).asLong();
     * ctx.reply(ctx.call("HGETALL", key));      // passed through to the client as is
     * }</pre>
     *
     * @throws ValkeyException with the server's error line when the command replies an error
     */
    ReplyValue call(String command, Object... args);

    /**
     * Runs a command as {@link #call(String, Object...)} does, the way {@code flags} say: not
     * propagated, with the client's ACLs, refusing writes... (see {@link CallFlag}).
     *
     * @throws ValkeyException with the server's error line when the command replies an error, or the flags refuse it
     */
    ReplyValue call(Set<CallFlag> flags, String command, Object... args);

    /**
     * Runs a command that may block, as BLPOP or WAIT do (the Call flag {@code K}): the future
     * completes at once with the reply if the command did not block, else on the main thread
     * when it replies (the call's own client blocks; the caller's client does not: block it with
     * {@link CommandContext#block} to answer it then). An error reply completes it exceptionally
     * with a {@link ValkeyException}; a refusal with a {@link CallRefusedException}.
     *
     * <pre>{@code
     * BlockedClient client = ctx.block(0, r -> r.replyNull());
     * ctx.callBlocking(Set.of(), "BLPOP", "jobs", "1").whenComplete((value, error) ->
     *         client.complete(r -> { if (error == null) r.reply(value); else r.replyError(error.getMessage()); }));
     * }</pre>
     */
    java.util.concurrent.CompletableFuture<ReplyValue> callBlocking(Set<CallFlag> flags, String command, Object... args);

    /**
     * Runs a command as the module user {@code user} (SetContextUser, then Call with
     * {@link CallFlag#AS_USER}), whatever client this context has, or none: the user's ACL rules
     * decide whether it runs, a denial is logged in ACL LOG under the user's name (context
     * {@code module}), and a script it runs runs as the user. Otherwise as
     * {@link #call(Set, String, Object...)}; the user applies to this call only.
     *
     * <pre>{@code
     * ModuleUser reader = ModuleUser.create("reader").setAclRules("on ~* +@read");
     * ctx.callAs(reader, Set.of(), "GET", key);        // allowed
     * ctx.callAs(reader, Set.of(), "SET", key, "v");   // CallRefusedException: NOPERM User reader has no permissions...
     * }</pre>
     *
     * @throws CallRefusedException with the server's NOPERM line if the user's rules deny the call
     * @throws ValkeyException with the server's error line when the command replies an error
     * @throws IllegalStateException if the user is closed
     */
    ReplyValue callAs(ModuleUser user, Set<CallFlag> flags, String command, Object... args);

    /**
     * Propagates {@code command} with {@code args} to replicas and the AOF (ValkeyModule_Replicate),
     * after the current command's own effects, in the same transaction: for a module that changes
     * data in its own way and tells replicas how to do the same. Arguments as for {@link #call}.
     *
     * @throws IllegalArgumentException if the server refuses it (an unknown command, a wrong
     *     number of arguments)
     */
    void replicate(String command, Object... args);

    /**
     * What is true of the server and the current client: a primary or a replica, inside MULTI or a
     * script, loading, out of memory... (GetContextFlags).
     */
    Set<ContextFlag> contextFlags();

    /**
     * The classes of keyspace notifications the server publishes to clients (its
     * notify-keyspace-events config): modules receive every class they subscribe to regardless, and
     * may use this to do only what a subscribed client would see.
     */
    Set<KeyspaceEventType> notifyKeyspaceEvents();

    /**
     * Signals {@code key} as modified (WATCH fails, client-side caches are invalidated); writes
     * through an open key do this themselves unless the module has
     * {@link ModuleOption#NO_IMPLICIT_SIGNAL_MODIFIED}.
     */
    void signalModifiedKey(ValkeyString key);

    /**
     * Emits a keyspace notification of class {@code type}: {@code __keyspace@<db>__:<key> event}
     * and {@code __keyevent@<db>__:<event> key}, to subscribers and to modules, as the server's
     * own commands do (MODULE, the "d" class, is the usual one for a module's own events).
     */
    void notifyKeyspaceEvent(KeyspaceEventType type, String event, ValkeyString key);

    /**
     * Publishes {@code message} on {@code channel}, as PUBLISH does; a client subscribed to it from
     * the command reads the message after the command's reply.
     *
     * @return how many clients received it (on this node)
     */
    long publish(ValkeyString channel, ValkeyString message);

    /** Publishes {@code message} on the shard channel {@code channel}, as SPUBLISH does; returns the receivers. */
    long publishToShard(ValkeyString channel, ValkeyString message);

    /**
     * The server's INFO of {@code section} ({@code "server"}, {@code "all"}, a module's section...),
     * read field by field; valid while this call lasts.
     */
    ServerInfo serverInfo(String section);

    /** Wakes clients blocked on {@code key} (BLPOP-like module commands). */
    void signalKeyAsReady(ValkeyString key);

    /**
     * Replaces the module's load arguments, as MODULE LIST shows them and CONFIG REWRITE writes
     * them on the module's {@code loadmodule} line, with {@code args}; the loader's own arguments
     * ({@code java-home}, {@code jvm-option}) stay in front of them. Not during the module's load.
     *
     * @throws UnsupportedOperationException on a server older than Valkey 8.1 (UpdateRuntimeArgs)
     */
    void updateLoadArguments(List<ValkeyString> args);

    /**
     * True if the ACL user {@code user} may use {@code key} in every way {@code permissions} name
     * (ACLCheckKeyPermissions), as its key patterns say; with no permissions, true if any of its
     * key patterns matches. For a module that reaches keys on a user's behalf, past the key
     * positions the server checks itself. Only the patterns count: a user that is off (who cannot
     * authenticate) is checked all the same.
     *
     * @throws ValkeyException (an error reply, if not caught) if there is no such user
     */
    boolean aclUserCanAccessKey(ValkeyString user, ValkeyString key, Set<KeyPermission> permissions);

    /**
     * The ACL user {@code name}, to check what it may do ({@link AclUser}); close it after use.
     *
     * @throws ValkeyException (an error reply, if not caught) if there is no such user
     */
    AclUser aclUser(ValkeyString name);

    /** The module user {@code user}, to check what it may do ({@link AclUser}); closing the result leaves the module user open. */
    AclUser aclUser(ModuleUser user);

    /**
     * Revokes the authentication of client {@code clientId} and closes it once its pending replies
     * are written (DeauthenticateAndCloseClient); its {@link UserChangeListener}, if any, is told.
     * Returns false if there is no such client.
     */
    boolean deauthenticateAndCloseClient(long clientId);

    /** Client {@code clientId}'s address, port, database and flags (GetClientInfoById); null if there is no such client. */
    @org.jspecify.annotations.Nullable ClientInfo clientInfo(long clientId);

    /** Client {@code clientId}'s name (CLIENT SETNAME; GetClientNameById); null if it has none or there is no such client. */
    @org.jspecify.annotations.Nullable ValkeyString clientName(long clientId);

    /**
     * Names client {@code clientId} as CLIENT SETNAME does (SetClientNameById); an empty name
     * removes it. Returns false if there is no such client.
     *
     * @throws IllegalArgumentException if the name has spaces, newlines or other characters CLIENT SETNAME refuses
     */
    boolean setClientName(long clientId, ValkeyString name);

    /** The ACL user client {@code clientId} is authenticated as (GetClientUserNameById); null if there is no such client. */
    @org.jspecify.annotations.Nullable ValkeyString clientUserName(long clientId);

    /**
     * The PEM X.509 certificate client {@code clientId} authenticated with over TLS
     * (GetClientCertificate); null without TLS, without a client certificate, or if there is no such client.
     */
    @org.jspecify.annotations.Nullable ValkeyString clientCertificate(long clientId);

    /**
     * Visits the name of every key of the selected database (Scan), in one call. The action runs
     * between the server's scan steps, so it may open, change or delete keys.
     */
    default void scanKeys(java.util.function.Consumer<ValkeyString> action) {
        io.valkeyjvm.core.internal.Scans.allKeys(this, action);
    }

    /**
     * One step of {@link #scanKeys(java.util.function.Consumer)} from where {@code cursor} is (a
     * few keys, maybe none); true while there are more. Keep the cursor to go on in a later call.
     */
    default boolean scanKeys(ScanCursor cursor, java.util.function.Consumer<ValkeyString> action) {
        return io.valkeyjvm.core.internal.Scans.keys(this, cursor, action);
    }
}
