package io.valkeyjvm.core;

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
     * Emits a keyspace notification of class {@code type}: {@code __keyspace@<db>__:<key> event}
     * and {@code __keyevent@<db>__:<event> key}, to subscribers and to modules, as the server's
     * own commands do (MODULE, the "d" class, is the usual one for a module's own events).
     */
    void notifyKeyspaceEvent(KeyspaceEventType type, String event, ValkeyString key);

    /**
     * The server's INFO of {@code section} ({@code "server"}, {@code "all"}, a module's section...),
     * read field by field; valid while this call lasts.
     */
    ServerInfo serverInfo(String section);

    /** Wakes clients blocked on {@code key} (BLPOP-like module commands). */
    void signalKeyAsReady(ValkeyString key);

    /**
     * Revokes the authentication of client {@code clientId} and closes it once its pending replies
     * are written (DeauthenticateAndCloseClient); its {@link UserChangeListener}, if any, is told.
     * Returns false if there is no such client.
     */
    boolean deauthenticateAndCloseClient(long clientId);
}
