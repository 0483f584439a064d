package io.valkeyjvm.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, binary-safe Valkey string: the bytes a client sent, unchanged.
 *
 * <p>Text is a view that never loses data: {@link #toText()} fails on bytes that are not UTF-8
 * instead of replacing them; {@link #toString()} is for logs only. Numbers parse with the
 * server's own rules, so {@code "01"}, {@code " 1"} and {@code "+1"} are not integers here either.
 *
 * <pre>{@code
 * ValkeyString s = ValkeyString.of("42");
 * long n = s.toLong();            // 42
 * ValkeyString raw = ValkeyString.of(new byte[] {0, (byte) 0xff});
 * raw.length();                   // 2
 * }</pre>
 */
public final class ValkeyString implements Comparable<ValkeyString> {
    private static final ValkeyString EMPTY = new ValkeyString(new byte[0]);

    static {
        // The SDK's internals wrap the bytes they copy out of the server without a second copy.
        io.valkeyjvm.core.internal.Strings.grant(ValkeyString::new);
    }
    private final byte[] bytes;
    private int hash;

    private ValkeyString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A string holding a copy of {@code bytes}. */
    public static ValkeyString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ValkeyString(bytes.clone());
    }

    /** The UTF-8 encoding of {@code text}. */
    public static ValkeyString of(String text) {
        return text.isEmpty() ? EMPTY : new ValkeyString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The decimal form of {@code value}, as the server writes integers. */
    public static ValkeyString of(long value) {
        return new ValkeyString(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /** The length in bytes. */
    public int length() {
        return bytes.length;
    }

    /** True for the empty string. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view of the bytes. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * The bytes decoded as UTF-8.
     *
     * @throws ValkeyException ({@code ERR ... not valid UTF-8}) if they are not UTF-8
     */
    public String toText() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ValkeyException("ERR argument is not valid UTF-8 text");
        }
    }

    /** The bytes decoded as UTF-8, or {@code null} if they are not UTF-8. */
    public @Nullable String toTextOrNull() {
        try {
            return toText();
        } catch (ValkeyException e) {
            return null;
        }
    }

    /**
     * The value as a signed 64-bit integer, by the server's rules (optional {@code -}, digits, no
     * leading zeros, no spaces, no {@code +}).
     *
     * @throws ValkeyException ({@code ERR value is not an integer or out of range}) otherwise
     */
    public long toLong() {
        Long value = toLongOrNull();
        if (value == null) throw new ValkeyException("ERR value is not an integer or out of range");
        return value;
    }

    /** Like {@link #toLong()}, but {@code null} where that would throw. */
    public @Nullable Long toLongOrNull() {
        return ServerNumbers.parseLong(bytes);
    }

    /**
     * The value as a double, by the server's rules (no spaces, no NaN; {@code inf} allowed).
     *
     * @throws ValkeyException ({@code ERR value is not a valid float}) otherwise
     */
    public double toDouble() {
        Double value = toDoubleOrNull();
        if (value == null) throw new ValkeyException("ERR value is not a valid float");
        return value;
    }

    /** Like {@link #toDouble()}, but {@code null} where that would throw. */
    public @Nullable Double toDoubleOrNull() {
        return ServerNumbers.parseDouble(bytes);
    }

    /** True if the bytes equal the UTF-8 encoding of {@code text}, ignoring ASCII case. */
    public boolean equalsIgnoreCase(String text) {
        byte[] other = text.getBytes(StandardCharsets.UTF_8);
        if (other.length != bytes.length) return false;
        for (int i = 0; i < other.length; i++) {
            if (asciiLower(other[i]) != asciiLower(bytes[i])) return false;
        }
        return true;
    }

    private static int asciiLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** True if the bytes start with the UTF-8 encoding of {@code prefix}: {@code key.startsWith("session:")}. */
    public boolean startsWith(String prefix) {
        return startsWith(prefix.getBytes(StandardCharsets.UTF_8));
    }

    /** True if the bytes start with those of {@code prefix}. */
    public boolean startsWith(ValkeyString prefix) {
        return startsWith(prefix.bytes);
    }

    private boolean startsWith(byte[] prefix) {
        return prefix.length <= bytes.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The bytes from {@code from} to the end: {@code key.substring(5)} drops a 5-byte prefix. */
    public ValkeyString substring(int from) {
        if (from < 0 || from > bytes.length) throw new IndexOutOfBoundsException("substring from " + from + " of " + bytes.length + " bytes");
        return new ValkeyString(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /** Concatenates this string and {@code other}. */
    public ValkeyString concat(ValkeyString other) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return new ValkeyString(joined);
    }

    /** Byte-wise unsigned comparison, as the server orders strings. */
    @Override
    public int compareTo(ValkeyString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ValkeyString && Arrays.equals(bytes, ((ValkeyString) other).bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = Arrays.hashCode(bytes);
        return h;
    }

    /** For logs and debugging: UTF-8 with replacement characters where the bytes are not text. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    byte[] bytesUnsafe() {
        return bytes;
    }
}
