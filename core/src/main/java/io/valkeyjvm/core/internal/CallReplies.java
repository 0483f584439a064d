package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

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

/** Calls commands and turns their replies into {@link ReplyValue}s, in one place. */
final class CallReplies {
    /** Propagate writes ("!"), errors as replies ("E"), RESP3 replies ("3"). */
    private static final String FLAGS = "!E3";

    private CallReplies() {}

    static ReplyValue call(long ctx, String command, Object... args) {
        byte[][] arguments = new byte[args.length][];
        for (int i = 0; i < args.length; i++) arguments[i] = bytesOf(args[i]);
        long reply = NativeAccess.call(ctx, command, FLAGS, arguments);
        if (reply == 0)
            throw new ValkeyException("ERR calling '" + command + "' failed: unknown command, wrong number of arguments,"
                    + " or not allowed here");
        try {
            return toReplyValue(reply).orThrow();
        } finally {
            FreeCallReply(reply);
        }
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
                return new ReplyValue.BulkString(bytes(reply));
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
