package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.ErrorReplies;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reply, as a value: what a called command replied ({@link ServerAccess#call}), what a suspending
 * command's block returns, and what {@link Replies#reply(ReplyValue)} writes. One case per RESP
 * type, RESP3 included; strings are {@link ValkeyString}s, so binary data stays intact.
 * <p>
 * Build one with the factories ({@code ReplyValue.of(42)}, {@code ReplyValue.of("text")},
 * {@code ReplyValue.array(...)}), or read one with the typed accessors, which say clearly what they
 * found when it is not what the caller expected:
 *
 * <pre>{@code
 * ReplyValue page = ctx.call("SCAN", cursor);
 * String next = page.get(0).asText();
 * for (ReplyValue key : page.get(1).asList()) keys.add(key.asString());
 * }</pre>
 *
 * An accessor called on an {@link Error} throws it as a {@link ValkeyException} with the same
 * error line, so a called command's error becomes the caller's error reply unless it is handled.
 */
public sealed interface ReplyValue {
    /** A bulk string: binary-safe. */
    record BulkString(ValkeyString value) implements ReplyValue {}

    /** A simple string (a status line such as {@code OK}); cannot contain CR or LF. */
    record SimpleString(String value) implements ReplyValue {
        public SimpleString {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)
                throw new IllegalArgumentException("a simple string cannot contain CR or LF: " + value);
        }
    }

    /** An error: its line is the code and the detail ({@code "WRONGTYPE Operation against ..."}). */
    record Error(String line) implements ReplyValue {
        /** This error as an exception with the same line, for {@code throw}. */
        public ValkeyException toException() {
            return new ValkeyException(line);
        }
    }

    /** An integer. */
    record Integer(long value) implements ReplyValue {}

    /** A double (RESP3; RESP2 clients get it as a bulk string). */
    record Double(double value) implements ReplyValue {}

    /** A boolean (RESP3; RESP2 clients get 1 or 0). */
    record Boolean(boolean value) implements ReplyValue {}

    /** A big number (RESP3; RESP2 clients get it as a bulk string). */
    record BigNumber(BigInteger value) implements ReplyValue {}

    /** A verbatim string with its three-letter format, such as {@code txt} (RESP3; a bulk string in RESP2). */
    record Verbatim(String format, ValkeyString text) implements ReplyValue {
        public Verbatim {
            if (format.length() != 3) throw new IllegalArgumentException("a verbatim format has 3 characters, not '" + format + "'");
        }
    }

    /**
     * The null reply; {@code array} for RESP2's null array ({@code *-1}, as BLPOP replies on a
     * timeout), which RESP2 clients get as such; RESP3 has one null ({@code _}) for both.
     */
    record Null(boolean array) implements ReplyValue {
        /** The null reply (a null bulk string in RESP2). */
        public Null() {
            this(false);
        }
    }

    /** An array; its elements in order. */
    record Array(List<ReplyValue> elements) implements ReplyValue {
        public Array {
            elements = List.copyOf(elements);
        }
    }

    /** A set (RESP3; an array in RESP2); its elements in the order the server gave. */
    record Set(List<ReplyValue> elements) implements ReplyValue {
        public Set {
            elements = List.copyOf(elements);
        }
    }

    /** A map (RESP3; a flat array of keys and values in RESP2), in the order the server gave. */
    record Map(java.util.Map<ReplyValue, ReplyValue> entries) implements ReplyValue {
        public Map {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** The null reply. */
    ReplyValue NULL = new Null();

    /** The null array: {@code *-1} for RESP2 clients, the null reply for RESP3 ones. */
    ReplyValue NULL_ARRAY = new Null(true);

    /** {@code +OK}. */
    ReplyValue OK = new SimpleString("OK");

    /** An integer reply. */
    static ReplyValue of(long value) {
        return new Integer(value);
    }

    /** A double reply. */
    static ReplyValue of(double value) {
        return new Double(value);
    }

    /** A boolean reply. */
    static ReplyValue of(boolean value) {
        return new Boolean(value);
    }

    /** A bulk string reply. */
    static ReplyValue of(ValkeyString value) {
        return new BulkString(value);
    }

    /** A bulk string reply of {@code text}'s UTF-8 bytes. */
    static ReplyValue of(String text) {
        return new BulkString(ValkeyString.of(text));
    }

    /** A bulk string reply of a copy of {@code bytes}. */
    static ReplyValue of(byte[] bytes) {
        return new BulkString(ValkeyString.of(bytes));
    }

    /** A big number reply. */
    static ReplyValue of(BigInteger value) {
        return new BigNumber(value);
    }

    /** A simple string (status) reply. */
    static ReplyValue simple(String status) {
        return new SimpleString(status);
    }

    /** An error reply; {@code line} without an upper-case code gets {@code ERR}, as {@link ValkeyException} does. */
    static ReplyValue error(String line) {
        return new Error(ErrorReplies.format(line));
    }

    /** An array reply. */
    static ReplyValue array(List<? extends ReplyValue> elements) {
        return new Array(List.copyOf(elements));
    }

    /** An array reply. */
    static ReplyValue array(ReplyValue... elements) {
        return new Array(List.of(elements));
    }

    /** An array of bulk strings. */
    static ReplyValue arrayOf(Iterable<ValkeyString> strings) {
        List<ReplyValue> elements = new ArrayList<>();
        for (ValkeyString s : strings) elements.add(new BulkString(s));
        return new Array(elements);
    }

    /** A map reply. */
    static ReplyValue map(java.util.Map<? extends ReplyValue, ? extends ReplyValue> entries) {
        return new Map(new LinkedHashMap<>(entries));
    }

    /** True for the null reply. */
    default boolean isNull() {
        return this instanceof Null;
    }

    /** This value, or Java's null for the null reply: {@code call("LPOP", key).orNull()}. */
    default @Nullable ReplyValue orNull() {
        return isNull() ? null : this;
    }

    /** True for an error. */
    default boolean isError() {
        return this instanceof Error;
    }

    /** This value, unless it is an error: then that error, thrown. */
    default ReplyValue orThrow() {
        if (this instanceof Error error) throw error.toException();
        return this;
    }

    /** The string of a bulk, simple or verbatim string. */
    default ValkeyString asString() {
        if (this instanceof BulkString s) return s.value();
        if (this instanceof SimpleString s) return ValkeyString.of(s.value());
        if (this instanceof Verbatim v) return v.text();
        throw unexpected("a string");
    }

    /** Like {@link #asString()}, with null for the null reply. */
    default @Nullable ValkeyString asStringOrNull() {
        return isNull() ? null : asString();
    }

    /** The text (UTF-8) of a bulk, simple or verbatim string. */
    default String asText() {
        if (this instanceof SimpleString s) return s.value();
        return asString().toText();
    }

    /** The number of an integer reply, or of a string holding one (as {@code GET} of a counter replies). */
    default long asLong() {
        if (this instanceof Integer i) return i.value();
        if (this instanceof BulkString || this instanceof SimpleString) {
            Long parsed = asString().toLongOrNull();
            if (parsed != null) return parsed;
        }
        throw unexpected("an integer");
    }

    /** The number of a double or integer reply, or of a string holding one. */
    default double asDouble() {
        if (this instanceof Double d) return d.value();
        if (this instanceof Integer i) return i.value();
        if (this instanceof BulkString || this instanceof SimpleString) {
            java.lang.Double parsed = asString().toDoubleOrNull();
            if (parsed != null) return parsed;
        }
        throw unexpected("a double");
    }

    /** A boolean reply; RESP2's integer 1 or 0 too. */
    default boolean asBoolean() {
        if (this instanceof Boolean b) return b.value();
        if (this instanceof Integer i && (i.value() == 0 || i.value() == 1)) return i.value() == 1;
        throw unexpected("a boolean");
    }

    /** The elements of an array or a set. */
    default List<ReplyValue> asList() {
        if (this instanceof Array a) return a.elements();
        if (this instanceof Set s) return s.elements();
        throw unexpected("an array");
    }

    /** Element {@code index} of an array or a set. */
    default ReplyValue get(int index) {
        List<ReplyValue> elements = asList();
        if (index < 0 || index >= elements.size())
            throw new IndexOutOfBoundsException("element " + index + " of " + describe(this));
        return elements.get(index);
    }

    /** The entries of a map; a RESP2 flat array of keys and values too. */
    default java.util.Map<ReplyValue, ReplyValue> asMap() {
        if (this instanceof Map m) return m.entries();
        if (this instanceof Array a && a.elements().size() % 2 == 0) {
            java.util.Map<ReplyValue, ReplyValue> entries = new LinkedHashMap<>();
            for (int i = 0; i < a.elements().size(); i += 2) entries.put(a.elements().get(i), a.elements().get(i + 1));
            return Collections.unmodifiableMap(entries);
        }
        throw unexpected("a map");
    }

    private RuntimeException unexpected(String wanted) {
        if (this instanceof Error error) return error.toException();
        return new IllegalStateException("expected " + wanted + " reply, got " + describe(this));
    }

    /** A short description for messages: the type and, for scalars, the value. */
    static String describe(ReplyValue value) {
        if (value instanceof BulkString s) return "the bulk string " + shorten(s.value().toString());
        if (value instanceof SimpleString s) return "the simple string " + shorten(s.value());
        if (value instanceof Error e) return "the error " + shorten(e.line());
        if (value instanceof Integer i) return "the integer " + i.value();
        if (value instanceof Double d) return "the double " + d.value();
        if (value instanceof Boolean b) return "the boolean " + b.value();
        if (value instanceof BigNumber n) return "the big number " + n.value();
        if (value instanceof Verbatim v) return "a verbatim string";
        if (value instanceof Null) return "null";
        if (value instanceof Array a) return "an array of " + a.elements().size();
        if (value instanceof Set s) return "a set of " + s.elements().size();
        return "a map of " + ((Map) value).entries().size();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 57) + "...'";
    }
}
