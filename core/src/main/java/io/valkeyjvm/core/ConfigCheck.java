package io.valkeyjvm.core;

/**
 * Checks a config value before it is stored: throw a {@link ValkeyException} to refuse it; its
 * message reaches the client of CONFIG SET (or the load fails with it), and the config keeps its
 * old value.
 */
@FunctionalInterface
public interface ConfigCheck<T> {
    /** Throws if {@code value} must not be stored. */
    void check(T value);
}
