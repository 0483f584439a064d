package io.valkeyjvm.core;

import java.util.Set;

/**
 * A key of a command call, as the server finds it ({@link CommandContext#commandKeys}): its
 * position among the call's arguments (the command name is 0) and how the command uses it.
 *
 * @param position the argument's index
 * @param flags how the command uses the key, by its key specs (or its getkeys-api code)
 */
public record KeyPosition(int position, Set<KeySpecFlag> flags) {
    /** Copies the flags. */
    public KeyPosition {
        flags = Set.copyOf(flags);
    }
}
