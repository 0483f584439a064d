package io.valkeyjvm.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a call's keys are, told by a command's {@link GetKeysHandler} (getkeys-api): COMMAND
 * GETKEYS, cluster routing and ACL checks use these positions instead of the key specs.
 */
public interface KeyPositions {
    /** The argument at {@code position} (the command name is 0) is a key the command reads and writes (flags RW, ACCESS, UPDATE). */
    void keyAt(int position);

    /**
     * The argument at {@code position} is a key used as {@code flags} say (KeyAtPosWithFlags):
     * {@code RO, ACCESS} lets a user with {@code %R~} keys run the command.
     */
    void keyAt(int position, Set<KeySpecFlag> flags);

    /** As {@link #keyAt(int, Set)}, with the flags listed: {@code keys.keyAt(1, KeySpecFlag.RO, KeySpecFlag.ACCESS)}. */
    default void keyAt(int position, KeySpecFlag first, KeySpecFlag... rest) {
        keyAt(position, EnumSet.of(first, rest));
    }
}
