package io.valkeyjvm.core;

/**
 * The running command: replies and what the command may ask of the server. Valid only while the
 * handler runs, on the thread that runs it; using it afterwards throws {@link IllegalStateException}.
 */
public interface CommandContext extends Replies, ServerAccess {
    /** The number of the database the client has selected. */
    int selectedDb();

    /** The command name as the client sent it (the first argument). */
    ValkeyString commandName();

    /**
     * The running command's full name as the module registered it (GetCurrentCommandName):
     * {@code parent|sub} for a subcommand.
     */
    String fullCommandName();

    /**
     * Throws the server's wrong-arity error for this command ({@code ERR wrong number of arguments
     * for 'name' command}) unless {@code ok}: for a count the declared arity cannot check (pairs of
     * fields and values, one of two shapes), as a C module does with ValkeyModule_WrongArity.
     *
     * <pre>{@code
     * ctx.requireArity(args.size() % 2 == 0);     // KEY field value [field value ...]
     * }</pre>
     *
     * @throws ValkeyException the wrong-arity error, unless {@code ok}
     */
    default void requireArity(boolean ok) {
        if (!ok) {
            String name = commandName().toText().toLowerCase(java.util.Locale.ROOT);
            throw new ValkeyException("ERR wrong number of arguments for '" + name + "' command");
        }
    }

    /**
     * The keys of the command call {@code args} (a command name, then its arguments), as the server
     * finds them for COMMAND GETKEYSANDFLAGS: by the command's key specs or its getkeys-api code
     * (GetCommandKeysWithFlags). Empty for a command without keys. The server knows the keys'
     * flags for its own commands and for getkeys-api code; it finds the keys of other module
     * commands by their key range (first, last, step), and their flags are then empty.
     *
     * @throws CallRefusedException if there is no such command ({@link CallRefusedException.Reason#UNKNOWN_COMMAND})
     *     or the number of arguments is wrong for it ({@link CallRefusedException.Reason#WRONG_ARITY})
     */
    java.util.List<KeyPosition> commandKeys(java.util.List<ValkeyString> args);

    /**
     * Lets the server breathe during a long command (ValkeyModule_Yield): it does its background
     * work, and, with a {@code busyReply}, handles other clients too, which get
     * {@code -BUSY <busyReply>} once the command has run past {@code busy-reply-threshold}
     * (commands flagged allow-busy still run). Call it every few milliseconds.
     */
    void yieldToServer(@org.jspecify.annotations.Nullable String busyReply);

    /** Propagates this command, as the client sent it, to replicas and the AOF. */
    void replicateVerbatim();

    /**
     * Blocks the client: the command returns without a reply, and the reply comes from the
     * returned handle, from any thread. If the client is not unblocked within
     * {@code timeoutMillis} (0: no timeout), {@code onTimeout} writes its reply. Where the client
     * may not block (MULTI, Lua, a call from another module), it behaves like the server's own
     * blocking commands there: {@code onTimeout} replies at once and the handle is cancelled.
     */
    BlockedClient block(long timeoutMillis, java.util.function.Consumer<Replies> onTimeout);

    /**
     * Blocks the client until one of {@code keys} is signalled ready and {@code onReady} serves
     * it (BLPOP-like commands); {@code onTimeout} replies after {@code timeoutMillis} (0: none).
     * With {@code wakeOnDelete}, deleting a key also wakes the client. Where clients cannot block
     * (MULTI, Lua), {@code onTimeout} replies at once.
     */
    void blockOnKeys(java.util.List<ValkeyString> keys, long timeoutMillis, KeyReadyHandler onReady,
                     java.util.function.Consumer<Replies> onTimeout, boolean wakeOnDelete);

    /**
     * Blocks the client like {@link #block}, and also watches {@code keys}: {@code listener} runs
     * on the main thread each time one of them is signalled ready (any write to it, or
     * {@link #signalKeyAsReady}; with {@code wakeOnDelete}, its deletion too) and on each
     * {@link KeyWatchingClient#recheck}, until the client ends. The reply comes from
     * {@link BlockedClient#complete}, from any thread, or from {@code onTimeout}.
     *
     * <p>{@code timeoutMillis} (0: none) bounds the wait: once the listener reports it took what
     * the client waits for, the timeout no longer applies and the client ends when completed, so
     * nothing taken is lost to it. The base of suspend functions that wait for keys; where
     * clients cannot block, {@code onTimeout} replies at once and the returned client is already
     * cancelled.
     */
    KeyWatchingClient blockWatchingKeys(java.util.List<ValkeyString> keys, long timeoutMillis,
                                        java.util.function.Consumer<Replies> onTimeout, boolean wakeOnDelete,
                                        KeySignalListener listener);

    /**
     * True when the command comes from the primary's replication stream or from the AOF
     * (MustObeyClient): the server runs it as it comes, so the module must not refuse it or
     * decide differently, and should count or log it as a replay, not a client's request.
     *
     * @throws UnsupportedOperationException on a server older than Valkey 8.1
     */
    boolean mustObeyClient();

    /** The id of the command's client (CLIENT ID); 0 when no client runs it (the AOF, the primary's stream). */
    long clientId();

    /**
     * The command's client's address, port, database and flags; null when no client runs it
     * (see {@link ServerAccess#clientInfo(long)}).
     */
    default @org.jspecify.annotations.Nullable ClientInfo clientInfo() {
        return clientInfo(clientId());
    }

    /** The command's client's name (CLIENT SETNAME), or null if it has none (see {@link ServerAccess#clientName(long)}). */
    default @org.jspecify.annotations.Nullable ValkeyString clientName() {
        return clientName(clientId());
    }

    /**
     * Names the command's client as CLIENT SETNAME does; an empty name removes it. Returns false
     * if no client runs the command.
     *
     * @throws IllegalArgumentException if the name has spaces, newlines or other characters CLIENT SETNAME refuses
     */
    default boolean setClientName(ValkeyString name) {
        return setClientName(clientId(), name);
    }

    /**
     * The name of the ACL user the command's client is authenticated as: {@code default} until it
     * authenticates; null when no client of the server's own runs the command (a call from a
     * module or a script, the AOF, the primary's stream).
     */
    @org.jspecify.annotations.Nullable ValkeyString userName();

    /**
     * Authenticates the command's client as {@code user} (AuthenticateClientWithUser), from now on
     * in this connection; {@code onUserChange}, if not null, is told once when that ends (see
     * {@link UserChangeListener}). Returns the client's id, for
     * {@link ServerAccess#deauthenticateAndCloseClient}.
     *
     * @throws ValkeyException (an error reply, if not caught) if the server refuses: the user is
     *     off or closed, or the command has no real client (a call from a module)
     */
    long authenticateClient(ModuleUser user, @org.jspecify.annotations.Nullable UserChangeListener onUserChange);

    /**
     * Like {@link #authenticateClient}, as the ACL user {@code name} (AuthenticateClientWithACLUser).
     *
     * @throws ValkeyException if there is no such user, it is off, or the command has no real client
     */
    long authenticateClientAsAclUser(String name, @org.jspecify.annotations.Nullable UserChangeListener onUserChange);

    /**
     * Hides argument {@code index} (1 or more) of this command from SLOWLOG, MONITOR and the
     * server log, which show {@code (redacted)} instead (RedactClientCommandArgument): for
     * passwords and tokens.
     *
     * @throws IndexOutOfBoundsException if the command has no such argument, or for the name (0)
     */
    void redactArgument(int index);
}
