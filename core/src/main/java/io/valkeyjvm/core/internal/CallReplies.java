package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Calls commands and turns their replies into Java values, in one place. */
final class CallReplies {
    /** Propagate writes ("!"), errors as replies ("E"), RESP3 replies ("3"). */
    private static final String FLAGS = "!E3";

    private CallReplies() {}

    static @Nullable Object call(long ctx, String command, Object... args) {
        byte[][] arguments = new byte[args.length][];
        for (int i = 0; i < args.length; i++) arguments[i] = bytesOf(args[i]);
        long reply = NativeAccess.call(ctx, command, FLAGS, arguments);
        if (reply == 0)
            throw new ValkeyException("ERR calling '" + command + "' failed: unknown command, wrong number of arguments,"
                    + " or not allowed here");
        try {
            return toJava(reply);
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

    private static @Nullable Object toJava(long reply) {
        switch (CallReplyType(reply)) {
            case REPLY_STRING:
            case REPLY_VERBATIM_STRING:
                return Strings.owning(NativeAccess.callReplyBytes(reply));
            case REPLY_ERROR:
                throw new ValkeyException(new String(NativeAccess.callReplyBytes(reply), StandardCharsets.UTF_8));
            case REPLY_INTEGER:
                return CallReplyInteger(reply);
            case REPLY_DOUBLE:
                return CallReplyDouble(reply);
            case REPLY_BOOL:
                return CallReplyBool(reply) != 0;
            case REPLY_BIG_NUMBER:
                return new BigInteger(new String(NativeAccess.callReplyBytes(reply), StandardCharsets.US_ASCII));
            case REPLY_ARRAY: {
                long length = CallReplyLength(reply);
                List<@Nullable Object> list = new ArrayList<>((int) length);
                for (long i = 0; i < length; i++) list.add(toJava(CallReplyArrayElement(reply, i)));
                return list;
            }
            case REPLY_SET: {
                long length = CallReplyLength(reply);
                Set<@Nullable Object> set = new LinkedHashSet<>();
                for (long i = 0; i < length; i++) set.add(toJava(CallReplySetElement(reply, i)));
                return set;
            }
            case REPLY_MAP: {
                long length = CallReplyLength(reply);
                Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
                for (long i = 0; i < length; i++)
                    map.put(toJava(NativeAccess.callReplyMapElement(reply, i, 0)), toJava(NativeAccess.callReplyMapElement(reply, i, 1)));
                return map;
            }
            case REPLY_NULL:
            default:
                return null;
        }
    }
}
