package io.valkeyjvm.core;

/**
 * A {@link ServerAccess#call} the server refused before running the command: an unknown command,
 * the wrong number of arguments, ACL rules, the call's flags, the server's state. Its error line
 * is the one the server gives for it (for an ACL denial, a NOPERM line of the SDK's; the server's
 * own details are in ACL LOG). A command that ran and replied an error throws a plain
 * {@link ValkeyException} instead.
 *
 * <pre>{@code
 * try {
 *     ctx.reply(ctx.call(name, args));
 * } catch (CallRefusedException e) {
 *     if (e.reason() != CallRefusedException.Reason.UNKNOWN_COMMAND) throw e;
 *     ctx.replyError("ERR no such command here");
 * }
 * }</pre>
 */
public final class CallRefusedException extends ValkeyException {
    private static final long serialVersionUID = 1L;

    /** Why the server refused the call (the errno of ValkeyModule_Call). */
    public enum Reason {
        /** No such command. */
        UNKNOWN_COMMAND,
        /** The wrong number of arguments. */
        WRONG_ARITY,
        /** The user's ACL rules deny the command, a key or a channel ({@link CallFlag#AS_USER}). */
        ACL_DENIED,
        /** {@link CallFlag#AS_USER} in a context without a user. */
        NO_USER,
        /** A write or deny-oom command that the flags or the server's state refuse (NO_WRITES, RESPECT_DENY_OOM, replicas, disk errors). */
        WRITE_OR_OOM,
        /** Not allowed in {@link CallFlag#SCRIPT_MODE}. */
        SCRIPT_MODE,
        /** Cluster: a key in a slot this node does not serve. */
        CLUSTER_REDIRECT,
        /** Cluster: a write while the cluster is read-only. */
        CLUSTER_READ_ONLY,
        /** Cluster: the cluster is down. */
        CLUSTER_DOWN,
        /** A reason this SDK does not name. */
        OTHER
    }

    private final Reason reason;

    /** A refusal for {@code reason}, with the server's error line. */
    public CallRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the server refused the call. */
    public Reason reason() {
        return reason;
    }
}
