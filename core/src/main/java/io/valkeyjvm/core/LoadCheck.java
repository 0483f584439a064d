package io.valkeyjvm.core;

import java.util.List;

/**
 * Runs first in OnLoad, before anything of the module is registered: throw a
 * {@link ValkeyException} to refuse the load (its message goes to the server log), for a server
 * too old, arguments that make no sense, a missing resource. {@link Server#log} works here, under
 * the module's name.
 */
@FunctionalInterface
public interface LoadCheck {
    /** Checks the server and the module's load arguments (after the loader's own). */
    void check(ServerVersion server, List<ValkeyString> args);
}
