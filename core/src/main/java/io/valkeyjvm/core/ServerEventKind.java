package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import java.util.List;

/**
 * A kind of server event a module can subscribe to, typed by its data:
 * {@code builder.onServerEvent(ServerEventKind.FLUSH_DB, (ctx, e) -> ...)}. Subscribing to a kind
 * the running server does not have fails the module's load, naming the version it needs.
 */
public final class ServerEventKind<E extends ServerEvent> {
    public static final ServerEventKind<ServerEvent.RoleChanged> ROLE_CHANGED = of("role change", "6.0", EVENT_REPLICATION_ROLE_CHANGED);
    public static final ServerEventKind<ServerEvent.Persistence> PERSISTENCE = of("persistence", "6.0", EVENT_PERSISTENCE);
    public static final ServerEventKind<ServerEvent.FlushDb> FLUSH_DB = of("flush", "6.0", EVENT_FLUSHDB);
    public static final ServerEventKind<ServerEvent.Loading> LOADING = of("loading", "6.0", EVENT_LOADING);
    public static final ServerEventKind<ServerEvent.ClientChange> CLIENT_CHANGE = of("client change", "6.0", EVENT_CLIENT_CHANGE);
    public static final ServerEventKind<ServerEvent.Shutdown> SHUTDOWN = of("shutdown", "6.0", EVENT_SHUTDOWN);
    public static final ServerEventKind<ServerEvent.ReplicaChange> REPLICA_CHANGE = of("replica change", "6.0", EVENT_REPLICA_CHANGE);
    public static final ServerEventKind<ServerEvent.PrimaryLink> PRIMARY_LINK = of("primary link", "6.0", EVENT_PRIMARY_LINK_CHANGE);
    public static final ServerEventKind<ServerEvent.CronLoop> CRON_LOOP = of("cron loop", "6.0", EVENT_CRON_LOOP);
    public static final ServerEventKind<ServerEvent.ModuleChange> MODULE_CHANGE = of("module change", "6.0", EVENT_MODULE_CHANGE);
    public static final ServerEventKind<ServerEvent.LoadingProgress> LOADING_PROGRESS = of("loading progress", "6.0", EVENT_LOADING_PROGRESS);
    public static final ServerEventKind<ServerEvent.SwapDb> SWAP_DB = of("swapdb", "6.0", EVENT_SWAPDB);
    public static final ServerEventKind<ServerEvent.ForkChild> FORK_CHILD = of("fork child", "6.2", EVENT_FORK_CHILD);
    public static final ServerEventKind<ServerEvent.ReplAsyncLoad> REPL_ASYNC_LOAD = of("async load", "7.0", EVENT_REPL_ASYNC_LOAD);
    public static final ServerEventKind<ServerEvent.EventLoop> EVENT_LOOP = of("event loop", "7.0", EVENT_EVENTLOOP);
    public static final ServerEventKind<ServerEvent.ConfigChange> CONFIG_CHANGE = of("config change", "7.0", EVENT_CONFIG);
    public static final ServerEventKind<ServerEvent.KeyChange> KEY = of("key", "7.2", EVENT_KEY);
    public static final ServerEventKind<ServerEvent.AtomicSlotMigration> ATOMIC_SLOT_MIGRATION =
            of("atomic slot migration", "9.0", EVENT_ATOMIC_SLOT_MIGRATION);
    public static final ServerEventKind<ServerEvent.AuthenticationAttempt> AUTHENTICATION_ATTEMPT =
            of("authentication attempt", "9.0", EVENT_AUTHENTICATION_ATTEMPT);
    /** Every command's end, whatever its outcome; the four kinds below each take one outcome. */
    public static final ServerEventKind<ServerEvent.CommandResult> COMMAND_RESULT = new ServerEventKind<>("command result", "9.1",
            List.of((long) EVENT_COMMAND_RESULT_SUCCESS, (long) EVENT_COMMAND_RESULT_FAILURE, (long) EVENT_COMMAND_RESULT_REJECTED,
                    (long) EVENT_COMMAND_RESULT_ACL_REJECTED));
    public static final ServerEventKind<ServerEvent.CommandResult> COMMAND_SUCCEEDED =
            of("command result (success)", "9.1", EVENT_COMMAND_RESULT_SUCCESS);
    public static final ServerEventKind<ServerEvent.CommandResult> COMMAND_FAILED =
            of("command result (failure)", "9.1", EVENT_COMMAND_RESULT_FAILURE);
    public static final ServerEventKind<ServerEvent.CommandResult> COMMAND_REJECTED =
            of("command result (rejected)", "9.1", EVENT_COMMAND_RESULT_REJECTED);
    public static final ServerEventKind<ServerEvent.CommandResult> COMMAND_ACL_REJECTED =
            of("command result (ACL rejected)", "9.1", EVENT_COMMAND_RESULT_ACL_REJECTED);

    private final String name;
    private final String since;
    private final List<Long> ids;

    private ServerEventKind(String name, String since, List<Long> ids) {
        this.name = name;
        this.since = since;
        this.ids = ids;
    }

    private static <E extends ServerEvent> ServerEventKind<E> of(String name, String since, int id) {
        return new ServerEventKind<>(name, since, List.of((long) id));
    }

    /** The server's event ids this kind subscribes to. */
    public List<Long> ids() {
        return ids;
    }

    /** The oldest server version that has it. */
    public String since() {
        return since;
    }

    @Override
    public String toString() {
        return "the " + name + " event";
    }
}
