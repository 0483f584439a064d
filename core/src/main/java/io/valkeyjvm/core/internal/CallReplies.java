package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.CallFlag;
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
    /** Propagate writes ("!"), errors as replies ("E"), RESP3 replies ("3"). */
    private static final String FLAGS = "!E3";

    private CallReplies() {}

    static ReplyValue call(long ctx, String command, Object... args) {
        return call(ctx, FLAGS, false, command, args);
    }

    static ReplyValue call(long ctx, Set<CallFlag> flags, String command, Object... args) {
        return call(ctx, format(flags), flags.contains(CallFlag.DRY_RUN), command, args);
    }

    /** The Call format characters for {@code flags}: errors as replies and RESP3 always, propagation unless NOT_PROPAGATED. */
    static String format(Set<CallFlag> flags) {
        boolean propagated = !flags.contains(CallFlag.NOT_PROPAGATED);
        if (!propagated && (flags.contains(CallFlag.REPLICAS_ONLY) || flags.contains(CallFlag.AOF_ONLY)))
            throw new IllegalArgumentException("call flag NOT_PROPAGATED contradicts REPLICAS_ONLY and AOF_ONLY");
        if (flags.contains(CallFlag.REPLICAS_ONLY) && flags.contains(CallFlag.AOF_ONLY))
            throw new IllegalArgumentException("call flags REPLICAS_ONLY and AOF_ONLY together would propagate nowhere; use NOT_PROPAGATED");
        StringBuilder format = new StringBuilder("E3");
        if (propagated) format.append('!');
        if (flags.contains(CallFlag.REPLICAS_ONLY)) format.append('A');
        if (flags.contains(CallFlag.AOF_ONLY)) format.append('R');
        if (flags.contains(CallFlag.AS_USER)) format.append('C');
        if (flags.contains(CallFlag.SCRIPT_MODE)) format.append('S');
        if (flags.contains(CallFlag.NO_WRITES)) format.append('W');
        if (flags.contains(CallFlag.RESPECT_DENY_OOM)) format.append('M');
        if (flags.contains(CallFlag.DRY_RUN)) format.append('D');
        return format.toString();
    }

    private static ReplyValue call(long ctx, String format, boolean dryRun, String command, Object... args) {
        long reply = NativeAccess.call(ctx, command, format, arguments(args));
        // A dry run that would run replies nothing.
        if (reply == 0 && dryRun) return ReplyValue.NULL;
        if (reply == 0)
            throw new ValkeyException("ERR calling '" + command + "' failed: unknown command, wrong number of arguments,"
                    + " or not allowed here");
        try {
            return toReplyValue(reply).orThrow();
        } finally {
            FreeCallReply(reply);
        }
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
                return ReplyValue.NULL;
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
