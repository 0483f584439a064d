package io.valkeyjvm.core;

/**
 * What a data type's {@code load} code reads: the items its {@code save} wrote, in order. A short
 * or damaged stream makes every read throw {@link ValkeyException}, which fails the load cleanly.
 */
public interface RdbInput {
    /** Reads an unsigned 64-bit integer. */
    long readUnsigned();

    /** Reads a signed 64-bit integer. */
    long readSigned();

    /** Reads a double. */
    double readDouble();

    /** Reads a float. */
    float readFloat();

    /** Reads a long double, as a double. */
    double readLongDouble();

    /** Reads a binary-safe string. */
    ValkeyString readString();

    /** Reads a binary-safe string as bytes. */
    byte[] readBytes();
}
