package io.valkeyjvm.core;

/**
 * Where a data type's {@code save} code writes a value (and {@code auxSave} module data): the
 * server's RDB encoding, read back in the same order by {@link RdbInput}.
 */
public interface RdbOutput {
    /** Writes an unsigned 64-bit integer (read with {@link RdbInput#readUnsigned()}). */
    void writeUnsigned(long value);

    /** Writes a signed 64-bit integer. */
    void writeSigned(long value);

    /** Writes a double. */
    void writeDouble(double value);

    /** Writes a float. */
    void writeFloat(float value);

    /** Writes a long double; the JVM has only doubles, so the value has double precision. */
    void writeLongDouble(double value);

    /** Writes a binary-safe string. */
    void writeString(ValkeyString value);

    /** Writes a binary-safe string. */
    void writeBytes(byte[] value);

    /** Writes the UTF-8 encoding of {@code value}. */
    default void writeString(String value) {
        writeString(ValkeyString.of(value));
    }
}
