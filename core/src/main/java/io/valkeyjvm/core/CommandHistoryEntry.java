package io.valkeyjvm.core;

import java.util.Objects;

/**
 * One change of a command, for COMMAND DOCS' history: the module version that made it, and what
 * changed.
 *
 * @param since the version, such as {@code "1.2.0"}
 * @param changes what changed
 */
public record CommandHistoryEntry(String since, String changes) {
    /** Checks that both are given. */
    public CommandHistoryEntry {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(changes, "changes");
    }
}
