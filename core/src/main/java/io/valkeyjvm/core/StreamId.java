package io.valkeyjvm.core;

import org.jspecify.annotations.Nullable;

/**
 * A stream entry's ID: milliseconds and a sequence number, both unsigned 64-bit (Java longs read
 * as unsigned), ordered as the server orders them. Written {@code ms-seq}.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
    /** The smallest ID, 0-0. */
    public static final StreamId MIN = new StreamId(0, 0);
    /** The largest ID. */
    public static final StreamId MAX = new StreamId(-1L, -1L);

    /**
     * Reads {@code ms-seq}, {@code ms} alone (sequence 0), or {@code -} and {@code +} for
     * {@link #MIN} and {@link #MAX}, as the server's StringToStreamID does; null if {@code text} is
     * not of that form.
     */
    public static @Nullable StreamId parseOrNull(ValkeyString text) {
        String s = text.length() < 128 ? text.toTextOrNull() : null;
        if (s == null) return null;
        if (s.equals("-")) return MIN;
        if (s.equals("+")) return MAX;
        int dash = s.indexOf('-');
        Long ms = unsigned(dash < 0 ? s : s.substring(0, dash));
        Long seq = dash < 0 ? Long.valueOf(0) : unsigned(s.substring(dash + 1));
        return ms == null || seq == null ? null : new StreamId(ms, seq);
    }

    /**
     * Reads an ID as {@link #parseOrNull} does.
     *
     * @throws ValkeyException {@code ERR Invalid stream ID specified as stream command argument} if it is not one
     */
    public static StreamId parse(ValkeyString text) {
        StreamId id = parseOrNull(text);
        if (id == null) throw ValkeyException.error("Invalid stream ID specified as stream command argument");
        return id;
    }

    /** An unsigned 64-bit decimal, leading zeros and a '+' allowed (the server's string2ull). */
    private static @Nullable Long unsigned(String digits) {
        String d = digits.startsWith("+") ? digits.substring(1) : digits;
        if (d.isEmpty()) return null;
        for (int i = 0; i < d.length(); i++) if (d.charAt(i) < '0' || d.charAt(i) > '9') return null;
        try {
            return Long.parseUnsignedLong(d);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    /** {@code ms-seq}, as the server writes it. */
    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    /** {@link #toString()} as a ValkeyString, for replies. */
    public ValkeyString toValkeyString() {
        return ValkeyString.of(toString());
    }
}
