package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.*;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.CallFlag;
import io.valkeyjvm.core.CallRefusedException;
import io.valkeyjvm.core.ReplyValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Calls commands and turns their replies into {@link ReplyValue}s, in one place. */
final class CallReplies {
    /** Propagate writes ("!"), RESP3 replies ("3"). */
    private static final String FLAGS = "!3";

    private CallReplies() {}

    static ReplyValue call(long ctx, String command, Object... args) {
        return call(ctx, FLAGS, false, command, args);
    }

    static ReplyValue call(long ctx, Set<CallFlag> flags, String command, Object... args) {
        return call(ctx, format(flags), flags.contains(CallFlag.DRY_RUN), command, args);
    }

    /** The Call format characters for {@code flags}: RESP3 always, propagation unless NOT_PROPAGATED. */
    static String format(Set<CallFlag> flags) {
        boolean propagated = !flags.contains(CallFlag.NOT_PROPAGATED);
        if (!propagated && (flags.contains(CallFlag.REPLICAS_ONLY) || flags.contains(CallFlag.AOF_ONLY)))
            throw new IllegalArgumentException("call flag NOT_PROPAGATED contradicts REPLICAS_ONLY and AOF_ONLY");
        if (flags.contains(CallFlag.REPLICAS_ONLY) && flags.contains(CallFlag.AOF_ONLY))
            throw new IllegalArgumentException("call flags REPLICAS_ONLY and AOF_ONLY together would propagate nowhere; use NOT_PROPAGATED");
        StringBuilder format = new StringBuilder(flags.contains(CallFlag.RESP2) ? "" : "3");
        if (propagated) format.append('!');
        if (flags.contains(CallFlag.REPLICAS_ONLY)) format.append('A');
        if (flags.contains(CallFlag.AOF_ONLY)) format.append('R');
        if (flags.contains(CallFlag.AS_USER)) format.append('C');
        if (flags.contains(CallFlag.SCRIPT_MODE)) format.append('S');
        if (flags.contains(CallFlag.NO_WRITES)) format.append('W');
        if (flags.contains(CallFlag.RESPECT_DENY_OOM)) format.append('M');
        if (flags.contains(CallFlag.DRY_RUN)) format.append('D');
        if (flags.contains(CallFlag.EXACT_ERRORS)) format.append('E');
        return format.toString();
    }

    /*
     * Without "E", Call returns NULL exactly when the server refuses the command before running it;
     * with "E" a refusal is an error reply like a command's own, and errno cannot tell them apart
     * (Valkey 8.0 leaves the command's errno in place). A dry run runs nothing, so it takes "E":
     * its error reply is the refusal.
     */
    private static ReplyValue call(long ctx, String format, boolean dryRun, String command, Object... args) {
        return call(ctx, format, dryRun, 0, command, args);
    }

    /** Blocking calls whose command has not replied yet, by the key their unblock handler carries. */
    private static final java.util.concurrent.ConcurrentHashMap<Long, java.util.concurrent.CompletableFuture<ReplyValue>> PENDING =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong NEXT_KEY = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A call that may block ("K"): its reply now, or, if the command blocked its (the call's own)
     * client, later on the main thread when the command replies.
     */
    static java.util.concurrent.CompletableFuture<ReplyValue> callBlocking(long ctx, Set<CallFlag> flags, String command, Object... args) {
        if (flags.contains(CallFlag.DRY_RUN)) throw new IllegalArgumentException("a dry run never blocks; use call");
        java.util.concurrent.CompletableFuture<ReplyValue> result = new java.util.concurrent.CompletableFuture<>();
        long key = NEXT_KEY.incrementAndGet();
        PENDING.put(key, result);
        try {
            ReplyValue value = call(ctx, format(flags) + 'K', false, key, command, args);
            if (value != null) {
                PENDING.remove(key);
                result.complete(value);
            }
        } catch (RuntimeException failure) {
            PENDING.remove(key);
            result.completeExceptionally(failure);
        }
        return result;
    }

    /** The unblock handler of a blocking call: its command replied {@code reply}, which is ours to free. */
    static void unblocked(long reply, long key) {
        java.util.concurrent.CompletableFuture<ReplyValue> result = PENDING.remove(key);
        try {
            if (result == null) return;
            ReplyValue value = toReplyValue(reply);
            if (value instanceof ReplyValue.Error error) result.completeExceptionally(new ValkeyException(error.line()));
            else result.complete(value);
        } catch (RuntimeException failure) {
            if (result != null) result.completeExceptionally(failure);
        } finally {
            if (reply != 0) FreeCallReply(reply);
        }
    }

    /** As above; {@code blockingKey} (not 0) marks a blocking call, which returns null if its command blocked. */
    private static ReplyValue call(long ctx, String format, boolean dryRun, long blockingKey, String command, Object... args) {
        byte[][] arguments = arguments(args);
        // As the user, an ACL denial comes back as the server's own NOPERM line (which names the
        // key or the command) and is logged once; errno still tells a refusal from the command's error.
        boolean asUser = format.indexOf('C') >= 0;
        // EXACT_ERRORS: every refusal is the server's own error reply, thrown as a plain ValkeyException.
        boolean exactErrors = format.indexOf('E') >= 0;
        if (!dryRun && !exactErrors && format.indexOf('S') >= 0) refuseInScriptMode(ctx, format, command, arguments);
        long reply = NativeAccess.call(ctx, command, (dryRun || asUser) && !exactErrors ? format + 'E' : format, arguments);
        int refusal = NativeAccess.lastCallRefusal();
        CallRefusedException.Reason reason = reason(refusal);
        if (reply == 0 && dryRun) return ReplyValue.NULL;
        if (dryRun && CallReplyType(reply) == REPLY_UNKNOWN) { // a dry run that passed, on Valkey 9.1
            FreeCallReply(reply);
            return ReplyValue.NULL;
        }
        if (reply == 0) throw new CallRefusedException(reason, refusalLine(ctx, format, reason, command, arguments));
        try {
            if (blockingKey != 0 && CallReplyType(reply) == REPLY_PROMISE) {
                CallReplyPromiseSetUnblockHandler(reply, NativeAccess.callback(CALLBACK_CALL_UNBLOCKED), blockingKey);
                return null;
            }
            ReplyValue value = toReplyValue(reply);
            if (exactErrors) return value.orThrow();
            if (value instanceof ReplyValue.Error error && (dryRun || (asUser && refusedAsUser(ctx, format, refusal, reason, command, arguments, error))))
                throw new CallRefusedException(reason, error.line());
            return value.orThrow();
        } finally {
            FreeCallReply(reply);
        }
    }

    /**
     * Throws the server's refusal of a script-mode call, found by a dry run with errors as
     * replies: Valkey 9.1.2 crashes on a script-mode refusal without "E" (it writes the error
     * line it only makes with "E"), and the dry run also gives the server's own line.
     */
    private static void refuseInScriptMode(long ctx, String format, String command, byte[][] arguments) {
        long check = NativeAccess.call(ctx, command, format + "ED", arguments);
        if (check == 0) return;
        CallRefusedException.Reason reason = reason(NativeAccess.lastCallRefusal());
        try {
            // A dry run that passes is NULL on Valkey 8.0, an empty reply (of no type) on 9.1.
            if (CallReplyType(check) == REPLY_ERROR) throw new CallRefusedException(reason, bytes(check).toText());
        } finally {
            FreeCallReply(check);
        }
    }

    /**
     * Whether a call as the user that replied {@code error} was refused rather than run: an ACL
     * denial's NOPERM line is; for another errno a dry run confirms it, since Valkey 8.0 may leave
     * a command's own errno behind (the dry run repeats the checks, which passed the ACL before).
     */
    private static boolean refusedAsUser(long ctx, String format, int refusal, CallRefusedException.Reason reason, String command,
                                         byte[][] arguments, ReplyValue.Error error) {
        if (refusal == CALL_RAN) return false;
        if (reason == CallRefusedException.Reason.ACL_DENIED) return error.line().startsWith("NOPERM");
        long check = NativeAccess.call(ctx, command, format + "ED", arguments);
        if (check == 0) return false;
        boolean refused = CallReplyType(check) == REPLY_ERROR; // a pass is an empty reply on Valkey 9.1
        FreeCallReply(check);
        return refused;
    }

    /**
     * The server's own error line for a refused call, from a dry run of it with errors as replies,
     * where that has no effect: a denial by ACLs would log twice, a script-mode refusal count twice.
     */
    private static String refusalLine(long ctx, String format, CallRefusedException.Reason reason, String command, byte[][] arguments) {
        if (reason == CallRefusedException.Reason.ACL_DENIED)
            return "NOPERM the user's ACL rules do not allow '" + command + "' with these arguments";
        if (format.indexOf('S') < 0) {
            long reply = NativeAccess.call(ctx, command, format + "ED", arguments);
            if (reply != 0) {
                try {
                    if (CallReplyType(reply) == REPLY_ERROR) return bytes(reply).toText();
                } finally {
                    FreeCallReply(reply);
                }
            }
        }
        return "ERR calling '" + command + "' failed: the server refused it (" + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }

    private static CallRefusedException.Reason reason(int refusal) {
        return switch (refusal) {
            case CALL_REFUSED_UNKNOWN_COMMAND -> CallRefusedException.Reason.UNKNOWN_COMMAND;
            case CALL_REFUSED_WRONG_ARITY -> CallRefusedException.Reason.WRONG_ARITY;
            case CALL_REFUSED_ACL -> CallRefusedException.Reason.ACL_DENIED;
            case CALL_REFUSED_NO_USER -> CallRefusedException.Reason.NO_USER;
            case CALL_REFUSED_WRITE_OR_OOM -> CallRefusedException.Reason.WRITE_OR_OOM;
            case CALL_REFUSED_SCRIPT_MODE -> CallRefusedException.Reason.SCRIPT_MODE;
            case CALL_REFUSED_CLUSTER_REDIRECT -> CallRefusedException.Reason.CLUSTER_REDIRECT;
            case CALL_REFUSED_CLUSTER_READ_ONLY -> CallRefusedException.Reason.CLUSTER_READ_ONLY;
            case CALL_REFUSED_CLUSTER_DOWN -> CallRefusedException.Reason.CLUSTER_DOWN;
            default -> CallRefusedException.Reason.OTHER;
        };
    }

    static void replicate(long ctx, String command, Object... args) {
        if (NativeAccess.replicate(ctx, command, "", arguments(args)) != OK)
            throw new IllegalArgumentException("the server refused to replicate '" + command + "': unknown command or wrong number of arguments");
    }

    private static byte[][] arguments(Object[] args) {
        byte[][] arguments = new byte[args.length][];
        for (int i = 0; i < args.length; i++) arguments[i] = bytesOf(args[i]);
        return arguments;
    }

    private static byte[] bytesOf(Object arg) {
        if (arg instanceof ValkeyString) return ((ValkeyString) arg).toByteArray();
        if (arg instanceof byte[]) return (byte[]) arg;
        if (arg instanceof String || arg instanceof Number) return arg.toString().getBytes(StandardCharsets.UTF_8);
        throw new IllegalArgumentException("a call argument must be a ValkeyString, byte[], String or number, not "
                + (arg == null ? "null" : arg.getClass().getName()));
    }

    private static ReplyValue toReplyValue(long reply) {
        int type = CallReplyType(reply);
        switch (type) {
            case REPLY_STRING:
                // A status line (SET's OK) stays one, so that passing the reply on writes it as it came.
                ValkeyString string = bytes(reply);
                String status = NativeAccess.callReplyIsSimple(reply) ? string.toTextOrNull() : null;
                return status != null ? new ReplyValue.SimpleString(status) : new ReplyValue.BulkString(string);
            case REPLY_VERBATIM_STRING:
                return new ReplyValue.Verbatim(NativeAccess.callReplyVerbatimFormat(reply), bytes(reply));
            case REPLY_ERROR:
                return new ReplyValue.Error(bytes(reply).toText());
            case REPLY_INTEGER:
                return new ReplyValue.Integer(CallReplyInteger(reply));
            case REPLY_DOUBLE:
                return new ReplyValue.Double(CallReplyDouble(reply));
            case REPLY_BOOL:
                return new ReplyValue.Boolean(CallReplyBool(reply) != 0);
            case REPLY_BIG_NUMBER:
                return new ReplyValue.BigNumber(new BigInteger(bytes(reply).toText()));
            case REPLY_ARRAY:
                return new ReplyValue.Array(elements(reply, false));
            case REPLY_SET:
                return new ReplyValue.Set(elements(reply, true));
            case REPLY_MAP: {
                long length = CallReplyLength(reply);
                Map<ReplyValue, ReplyValue> entries = new LinkedHashMap<>();
                for (long i = 0; i < length; i++)
                    entries.put(toReplyValue(NativeAccess.callReplyMapElement(reply, i, 0)),
                            toReplyValue(NativeAccess.callReplyMapElement(reply, i, 1)));
                return new ReplyValue.Map(entries);
            }
            case REPLY_NULL:
                // A RESP2 call tells the null array ("*-1") from the null bulk string ("$-1").
                return NativeAccess.callReplyIsNullArray(reply) ? ReplyValue.NULL_ARRAY : ReplyValue.NULL;
            default:
                throw new IllegalStateException("a called command replied a value of type " + type + ", which the SDK does not read");
        }
    }

    private static ValkeyString bytes(long reply) {
        return Strings.owning(NativeAccess.callReplyBytes(reply));
    }

    private static List<ReplyValue> elements(long reply, boolean set) {
        long length = CallReplyLength(reply);
        List<ReplyValue> elements = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) elements.add(toReplyValue(set ? CallReplySetElement(reply, i) : CallReplyArrayElement(reply, i)));
        return elements;
    }
}
