package io.valkeyjvm.core;

import java.math.BigDecimal;
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

    /** A string holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static ValkeyString of(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length)
            throw new IndexOutOfBoundsException(length + " bytes from " + offset + " of " + bytes.length);
        return length == 0 ? EMPTY : new ValkeyString(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The decimal form of {@code value} read as an unsigned 64-bit integer ({@code -1L} is 18446744073709551615). */
    public static ValkeyString ofUnsigned(long value) {
        return new ValkeyString(Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@code value} as the server writes doubles (CreateStringFromDouble): integral values as
     * integers ({@code 3.0} is {@code "3"}), others in their shortest form ({@code "1.5"},
     * {@code "1e+300"}), {@code "inf"}, {@code "-inf"}, {@code "nan"}.
     */
    public static ValkeyString of(double value) {
        return new ValkeyString(ServerNumbers.formatDouble(value).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * {@code value} in plain decimal notation, without trailing zeros ({@code "0.1"},
     * {@code "1500"}): the exact form of a number with more precision than a double (where the C
     * API has long double).
     */
    public static ValkeyString of(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return new ValkeyString(stripped.toPlainString().getBytes(StandardCharsets.US_ASCII));
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

    /**
     * Copies the bytes into {@code destination} from {@code destinationOffset}, as
     * {@code toByteArray()} would without the intermediate array. Throws
     * IndexOutOfBoundsException if they do not fit there.
     */
    public void copyInto(byte[] destination, int destinationOffset) {
        System.arraycopy(bytes, 0, destination, destinationOffset, bytes.length);
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

    /**
     * The value as an unsigned 64-bit integer, returned in a {@code long} (read it with
     * {@link Long#toUnsignedString} or {@link Long#compareUnsigned}): digits only, no leading
     * zeros, up to 18446744073709551615. Stricter than the server's StringToULongLong, which lets
     * leading spaces and a {@code +} through.
     *
     * @throws ValkeyException ({@code ERR value is not an unsigned integer or out of range}) otherwise
     */
    public long toUnsignedLong() {
        Long value = toUnsignedLongOrNull();
        if (value == null) throw new ValkeyException("ERR value is not an unsigned integer or out of range");
        return value;
    }

    /** Like {@link #toUnsignedLong()}, but {@code null} where that would throw. */
    public @Nullable Long toUnsignedLongOrNull() {
        return ServerNumbers.parseUnsignedLong(bytes);
    }

    /**
     * The value as an exact decimal: an optional {@code -} or {@code +}, digits with an optional
     * fraction, an optional exponent ({@code "1.5"}, {@code "-2e10"}, {@code "0.1"} exactly); no
     * spaces, no {@code inf} or {@code nan}. For numbers that need more than a double's precision.
     *
     * @throws ValkeyException ({@code ERR value is not a valid float}) otherwise
     */
    public BigDecimal toBigDecimal() {
        BigDecimal value = toBigDecimalOrNull();
        if (value == null) throw new ValkeyException("ERR value is not a valid float");
        return value;
    }

    /** Like {@link #toBigDecimal()}, but {@code null} where that would throw. */
    public @Nullable BigDecimal toBigDecimalOrNull() {
        return ServerNumbers.parseDecimal(bytes);
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

    /** Concatenates this string and {@code other} (StringAppendBuffer, without changing either). */
    public ValkeyString concat(ValkeyString other) {
        return concat(other.bytes);
    }

    /** Appends the UTF-8 encoding of {@code text}: a new string, this one is unchanged. */
    public ValkeyString concat(String text) {
        return concat(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code more}: a new string, this one is unchanged. */
    public ValkeyString concat(byte[] more) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + more.length);
        System.arraycopy(more, 0, joined, bytes.length, more.length);
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
