package io.valkeyjvm.core;

/**
 * Everything a command can reply, in RESP2 and RESP3. The server adapts RESP3 types for RESP2
 * clients: a map becomes a flat array, a set an array, a boolean the integer 1 or 0, a double
 * a bulk string, a big number a bulk string, a verbatim string a bulk string.
 *
 * <p>A command sends exactly one reply; an aggregate ({@code replyArray}, {@code replyMap},
 * {@code replySet}) is followed by its elements (a map by key, value, key, value...).
 */
public interface Replies {
    /** An integer reply. */
    void reply(long value);

    /** A double reply (RESP3), a bulk string for RESP2 clients. */
    void reply(double value);

    /**
     * A double reply written in plain decimal notation, without an exponent and with up to 17
     * digits after the point ({@code 0.00000000000000001}, {@code 3.5}, {@code inf}), as the C
     * API's ReplyWithLongDouble writes it; a bulk string for RESP2 clients. {@link #reply(double)}
     * writes the shortest form instead ({@code 1e-17}). The value is a Java double: digits past
     * its 17 significant ones are those of the double, not of a C long double.
     */
    void replyLongDouble(double value);

    /** A boolean reply (RESP3), the integer 1 or 0 for RESP2 clients. */
    void reply(boolean value);

    /** A bulk string reply with these bytes. */
    void reply(ValkeyString value);

    /** A bulk string reply with these bytes. */
    void reply(byte[] value);

    /** A bulk string reply with the UTF-8 encoding of {@code value}. */
    void reply(String value);

    /** A simple string (status) reply such as {@code +PONG}; must not contain CR or LF. */
    void replySimple(String status);

    /** The simple string {@code +OK}. */
    void replyOk();

    /**
     * An error reply: {@code message} as is when it starts with an upper-case error code
     * ({@code WRONGTYPE ...}), else prefixed with {@code ERR }.
     */
    void replyError(String message);

    /**
     * An error reply of exactly {@code line} (line breaks become spaces), without the {@code ERR}
     * that {@link #replyError} adds to a line that lacks an error code: what the C API's
     * ReplyWithError sends, for a client that matches the whole line ({@code -invalid range}).
     */
    void replyErrorLine(String line);

    /** The null reply ({@code _} in RESP3, a null bulk string in RESP2). */
    void replyNull();

    /** The null array ({@code *-1} in RESP2). */
    void replyNullArray();

    /** An empty array. */
    void replyEmptyArray();

    /** An empty bulk string. */
    void replyEmptyString();

    /** Starts an array of {@code length} elements; the next {@code length} replies are its elements. */
    void replyArray(long length);

    /** Starts an array whose length is set later, when the elements are known. */
    PostponedLength replyArray();

    /** Starts a map of {@code pairs} key-value pairs (a flat array of 2 * pairs for RESP2). */
    void replyMap(long pairs);

    /** Starts a map whose number of pairs is set later. */
    PostponedLength replyMap();

    /** Starts a set of {@code length} elements (an array for RESP2). */
    void replySet(long length);

    /** Starts a set whose length is set later. */
    PostponedLength replySet();

    /**
     * Starts an attribute of {@code pairs} key-value pairs (RESP3 only), which annotates the reply
     * that follows it.
     *
     * @throws ValkeyException if the client speaks RESP2
     */
    void replyAttribute(long pairs);

    /** A big number reply (RESP3) from its decimal digits, a bulk string for RESP2 clients. */
    void replyBigNumber(String digits);

    /**
     * A verbatim string reply (RESP3) with a three-letter {@code format} such as {@code txt} or
     * {@code mkd}; a bulk string for RESP2 clients.
     */
    void replyVerbatim(String text, String format);

    /** An array reply of bulk strings, in order: {@code ctx.reply(keys)}. */
    default void reply(java.util.List<ValkeyString> values) {
        replyArray(values.size());
        for (ValkeyString value : values) reply(value);
    }

    /**
     * Replies with {@code value}, whatever its shape: a called command's reply passed through as
     * is, or a value built with {@link ReplyValue}'s factories.
     */
    default void reply(ReplyValue value) {
        if (value instanceof ReplyValue.BulkString s) reply(s.value());
        else if (value instanceof ReplyValue.SimpleString s) replySimple(s.value());
        else if (value instanceof ReplyValue.Error e) replyError(e.line());
        else if (value instanceof ReplyValue.Integer i) reply(i.value());
        else if (value instanceof ReplyValue.Double d) reply(d.value());
        else if (value instanceof ReplyValue.Boolean b) reply(b.value());
        else if (value instanceof ReplyValue.BigNumber n) replyBigNumber(n.value().toString());
        else if (value instanceof ReplyValue.Verbatim v) replyVerbatim(v.text().toText(), v.format());
        else if (value instanceof ReplyValue.Null) replyNull();
        else if (value instanceof ReplyValue.Array a) {
            replyArray(a.elements().size());
            for (ReplyValue element : a.elements()) reply(element);
        } else if (value instanceof ReplyValue.Set s) {
            replySet(s.elements().size());
            for (ReplyValue element : s.elements()) reply(element);
        } else {
            java.util.Map<ReplyValue, ReplyValue> entries = ((ReplyValue.Map) value).entries();
            replyMap(entries.size());
            entries.forEach((k, v) -> {
                reply(k);
                reply(v);
            });
        }
    }
}
