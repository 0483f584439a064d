package io.valkeyjvm.core;

/**
 * A command as a {@link CommandFilter} sees it: its arguments, the name at 0, which the filter may
 * insert, replace and delete. Valid only while the filter runs.
 */
public interface FilteredCommand {
    /** How many arguments, the name included. */
    int argCount();

    /** Argument {@code index}. */
    ValkeyString arg(int index);

    /** Inserts {@code value} at {@code index}, shifting the following ones. */
    void insert(int index, ValkeyString value);

    /** Replaces argument {@code index}. */
    void replace(int index, ValkeyString value);

    /** Deletes argument {@code index}. */
    void delete(int index);

    /** The id of the client running the command (Valkey 7.2). */
    long clientId();
}
