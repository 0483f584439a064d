package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.CallFlag;
import io.valkeyjvm.core.DataType;
import io.valkeyjvm.core.ReplyValue;
import io.valkeyjvm.core.ServerEventKind;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Whether values record their AOF form (their type's aofRewrite commands) beside their saved
 * form. Only an AOF rewrite without the RDB preamble reads it, so it is recorded only while
 * {@code appendonly yes} and {@code aof-use-rdb-preamble no}, followed through config changes
 * (each change records those values again, in slices); otherwise a value's tape is its saved form
 * alone. A rewrite writes a value without its AOF form (one not recorded again yet) as RESTORE of
 * its saved form, which loads the same value. Main thread only.
 */
final class AofForms {
    private static boolean followed;
    private static boolean wanted = true;

    private AofForms() {}

    /** During OnLoad, after the data types: follows the two configs if any type has an aofRewrite. */
    static void register(long ctx, List<DataType<?>> types) {
        followed = types.stream().anyMatch(type -> type.aofRewriter() != null);
        if (!followed) {
            set(false);
            return;
        }
        refresh(ctx);
        EventHost.subscribeInternally(ctx, ServerEventKind.CONFIG_CHANGE);
    }

    static void unregister() {
        followed = false;
        set(true);
    }

    /** A config changed (any, as the event's names cost more to read than the two configs). */
    static void configChanged(long ctx) {
        if (followed) refresh(ctx);
    }

    /** For INFO: whether values record their AOF form now. */
    static boolean wanted() {
        return wanted;
    }

    private static void refresh(long ctx) {
        boolean now;
        try {
            now = "yes".equals(config(ctx, "appendonly")) && "no".equals(config(ctx, "aof-use-rdb-preamble"));
        } catch (RuntimeException e) {
            now = true; // unknown: record both forms, which costs memory but never changes what a rewrite writes
        }
        set(now);
    }

    /** A change re-records the values of types with an aofRewrite, in slices: they gain (or lose) their AOF form. */
    private static void set(boolean now) {
        boolean changed = now != wanted;
        wanted = now;
        NativeAccess.setAofFormsWanted(now);
        if (changed && followed) DataTypeHost.recordAllWithAofForms();
    }

    private static String config(long ctx, String name) {
        ReplyValue reply = CallReplies.call(ctx, EnumSet.of(CallFlag.NOT_PROPAGATED), "CONFIG", "GET", name);
        if (reply instanceof ReplyValue.Map map) {
            for (Map.Entry<ReplyValue, ReplyValue> entry : map.entries().entrySet())
                if (text(entry.getKey()).equalsIgnoreCase(name)) return text(entry.getValue());
        } else if (reply instanceof ReplyValue.Array array && array.elements().size() == 2) {
            return text(array.elements().get(1));
        }
        throw new IllegalStateException("CONFIG GET " + name + " gave " + reply);
    }

    private static String text(ReplyValue value) {
        if (value instanceof ReplyValue.BulkString bulk) return new String(bulk.value().toByteArray(), StandardCharsets.UTF_8);
        if (value instanceof ReplyValue.SimpleString simple) return simple.value();
        if (value instanceof ReplyValue.Verbatim verbatim) return new String(verbatim.text().toByteArray(), StandardCharsets.UTF_8);
        return "";
    }
}
