package io.valkeyjvm.core;

/**
 * How {@link ServerAccess#call(java.util.Set, String, Object...)} runs a command, beyond the
 * SDK's default (writes propagated to replicas and the AOF, errors as error replies, RESP3
 * replies): the flag characters of ValkeyModule_Call, by name.
 *
 * <pre>{@code
 * ctx.call(EnumSet.of(CallFlag.NOT_PROPAGATED), "INCR", "local:counter");   // this server only
 * ctx.call(EnumSet.of(CallFlag.AS_USER, CallFlag.NO_WRITES), "GET", key);    // with the client's ACLs, reads only
 * }</pre>
 */
public enum CallFlag {
    /**
     * The command's writes are not propagated to replicas and the AOF (the C API's default, "no
     * {@code !}"): for writes each replica makes itself, or that must stay local. A command that
     * propagates on its own (with {@link ServerAccess#replicate}) uses it to avoid sending twice.
     */
    NOT_PROPAGATED,
    /** Writes go to replicas, not to the AOF ({@code !A}). */
    REPLICAS_ONLY,
    /** Writes go to the AOF, not to replicas ({@code !R}). */
    AOF_ONLY,
    /**
     * Runs as the user of the context's client, with that user's ACL checks ({@code C}): a command
     * the user may not run, or a key it may not touch, is an error reply. Contexts without a user
     * (timers, background work) cannot use it.
     */
    AS_USER,
    /**
     * Runs as a script would ({@code S}): commands flagged deny-script are refused, and so are
     * writes when there are too few good replicas or the server cannot persist.
     */
    SCRIPT_MODE,
    /** Refuses write commands ({@code W}). */
    NO_WRITES,
    /** Refuses deny-oom commands while the server is past maxmemory ({@code M}), as it does for clients. */
    RESPECT_DENY_OOM,
    /**
     * Checks the call without running it ({@code D}): the reply is null if it would run, and what
     * refuses it throws as its error line.
     */
    DRY_RUN,
    /**
     * Runs the command as a RESP2 client would see it (no {@code 3}): maps and sets come back as
     * flat arrays, doubles and big numbers as strings. For a module that passes a reply on exactly
     * as a C module calling in RESP2 would, to RESP3 clients too.
     */
    RESP2,
    /**
     * A call the server refuses before running it (ACLs, out of memory, script mode's checks, a
     * read-only or stale replica, a failed save...) throws a plain {@link ValkeyException} with
     * exactly the error line the server would send a client ({@code E}), instead of a
     * {@link CallRefusedException} that tells the reason: for a module that passes errors on as
     * the server words them. The server then counts the error once, with no dry run to reword it.
     */
    EXACT_ERRORS
}
