package io.valkeyjvm.core;

/**
 * Sees every command before it runs (from clients, scripts, MULTI, the AOF and the primary's
 * stream; with {@code noSelf}, not the module's own calls) and may rewrite its arguments. It runs
 * on the main thread for each command, so it must be quick and must not block; an exception is
 * logged and the command runs as it was.
 */
@FunctionalInterface
public interface CommandFilter {
    /** Looks at, and may rewrite, {@code command}. */
    void filter(FilteredCommand command);
}
