package io.valkeyjvm.core;

import org.jspecify.annotations.Nullable;

/** Receives the elements of a key that {@link Key#scanElements(ScanKeyHandler)} scans. */
@FunctionalInterface
public interface ScanKeyHandler {
    /**
     * One element: a hash's field and its value, a set's member ({@code value} null), a sorted
     * set's member and its score (as the server writes it: {@code "1"}, {@code "2.5"}).
     */
    void element(ValkeyString element, @Nullable ValkeyString value);
}
