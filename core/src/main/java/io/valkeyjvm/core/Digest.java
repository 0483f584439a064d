package io.valkeyjvm.core;

/**
 * What a data type's {@code digest} code feeds (DEBUG DIGEST, DEBUG DIGEST-VALUE): add the
 * value's elements; end a sequence where order matters within it but not across sequences.
 * Elements added after the last {@link #endSequence()} are ended automatically when the digest
 * code returns.
 */
public interface Digest {
    /** Adds a string element. */
    void add(ValkeyString element);

    /** Adds a string element. */
    void add(byte[] element);

    /** Adds an integer element. */
    void add(long element);

    /** Ends the current ordered sequence of elements. */
    void endSequence();
}
