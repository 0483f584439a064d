package io.valkeyjvm.core;

/**
 * The string at an open key ({@link Key#string()}), read and written in place (StringDMA): for
 * a module that keeps a binary structure in a string, such as a bitmap or a fixed-size record,
 * and changes a few bytes of it without copying the whole value. Writes need a key opened for
 * write; on an empty key they create the string.
 *
 * <pre>{@code
 * StringValue record = ctx.openKeyForWrite(name).string();
 * record.write(16, counterBytes);           // grows the string with zero bytes if it is shorter
 * byte[] header = record.read(0, 16);
 * }</pre>
 *
 * <p>Every method throws {@link ValkeyException} WRONGTYPE if the key holds something else.
 */
public interface StringValue {
    /** The length in bytes; 0 for an empty key. */
    long length();

    /** The whole value, a copy; empty for an empty key. */
    ValkeyString get();

    /** Replaces the value with {@code value}, and drops the key's time to live (as SET). */
    void set(ValkeyString value);

    /**
     * A copy of at most {@code length} bytes from {@code offset}: fewer past the end of the value
     * (none past its length).
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    byte[] read(long offset, int length);

    /**
     * Writes {@code bytes} at {@code offset}, in place, growing the value with zero bytes first if
     * it is shorter (as SETRANGE). Returns the new length.
     *
     * @throws IllegalArgumentException if {@code offset} is negative
     * @throws ValkeyException ERR if the result would exceed 512 MB, the server's limit for StringTruncate
     */
    long write(long offset, byte[] bytes);

    /**
     * Cuts the value to {@code length} bytes, or grows it with zero bytes to that length
     * (StringTruncate); a length of 0 on an empty key leaves it empty.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws ValkeyException ERR if the length exceeds 512 MB
     */
    void truncate(long length);
}
