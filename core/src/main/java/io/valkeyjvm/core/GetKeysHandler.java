package io.valkeyjvm.core;

import java.util.List;

/**
 * Finds a call's keys for a command whose keys depend on its arguments in a way key specs cannot
 * say (the server's getkeys-api): the server asks it, instead of running the command, for COMMAND
 * GETKEYS, cluster routing and ACL checks. It must not reply or touch data.
 *
 * <pre>{@code
 * .getKeys((keys, args) -> {
 *     for (int i = 1; i + 1 < args.size(); i++)
 *         if (args.get(i).toText().equalsIgnoreCase("key")) keys.keyAt(i + 1, EnumSet.of(KeySpecFlag.RO, KeySpecFlag.ACCESS));
 * })
 * }</pre>
 */
@FunctionalInterface
public interface GetKeysHandler {
    /** Reports the keys of the call with arguments {@code args} (the command name first) to {@code keys}. */
    void findKeys(KeyPositions keys, List<ValkeyString> args) throws Exception;
}
