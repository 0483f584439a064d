package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

/**
 * A module option (SetModuleOptions), declared with {@link ModuleDefinition.Builder#options}: how
 * the server treats the module. An option the running server lacks fails the load, naming the
 * version it needs. (The SDK itself sets HANDLE_IO_ERRORS for modules with data types.)
 */
public enum ModuleOption {
    /**
     * Writing through an open key does not signal it as modified when the key closes: the module
     * calls {@link ServerAccess#signalModifiedKey} itself (WATCH and client-side caching see only
     * what it signals).
     */
    NO_IMPLICIT_SIGNAL_MODIFIED(OPTION_NO_IMPLICIT_SIGNAL_MODIFIED, "6.0"),
    /**
     * The module copes with replicas loading a replication stream asynchronously
     * (repl-diskless-load swapdb): it handles {@link ServerEventKind#REPL_ASYNC_LOAD}.
     */
    HANDLE_REPL_ASYNC_LOAD(OPTIONS_HANDLE_REPL_ASYNC_LOAD, "7.0"),
    /**
     * The module's keyspace handlers are notified of what they cause themselves: a write made inside
     * a handler (which the server discourages; prefer {@link ServerEventContext#afterNotifications})
     * notifies the handlers again, nested. Without it, a handler is not notified of its own writes.
     */
    ALLOW_NESTED_KEYSPACE_NOTIFICATIONS(OPTIONS_ALLOW_NESTED_KEYSPACE_NOTIFICATIONS, "7.2"),
    /** {@link ServerAccess#replicate} does not check the command it propagates (Valkey 8.1). */
    SKIP_COMMAND_VALIDATION(OPTIONS_SKIP_COMMAND_VALIDATION, "8.1"),
    /**
     * The module copes with atomic slot migration (Valkey 9.0): without it, a 9.x cluster refuses to
     * migrate slots while the module is loaded.
     */
    HANDLE_ATOMIC_SLOT_MIGRATION(OPTIONS_HANDLE_ATOMIC_SLOT_MIGRATION, "9.0");

    private final int bit;
    private final String since;

    ModuleOption(int bit, String since) {
        this.bit = bit;
        this.since = since;
    }

    /** The server's VALKEYMODULE_OPTIONS_ bit. */
    public int bit() {
        return bit;
    }

    /** The oldest server version that has it. */
    public String since() {
        return since;
    }
}
