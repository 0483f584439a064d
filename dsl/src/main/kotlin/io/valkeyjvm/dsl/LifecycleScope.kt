package io.valkeyjvm.dsl

import io.valkeyjvm.core.CallFlag
import io.valkeyjvm.core.CommandFilterRegistration
import io.valkeyjvm.core.FilteredCommand
import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.Server
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.ServerEvent
import io.valkeyjvm.core.ServerEventContext
import io.valkeyjvm.core.ServerEventHandler
import io.valkeyjvm.core.ServerEventKind
import io.valkeyjvm.core.ServerEventRegistration

/** The receiver of `onLoad` and `onUnload`: the module's name, the server log, calls, command filters, server events. */
@ValkeyDsl
public class LifecycleScope internal constructor(
    /** The underlying core context, for Java-style calls (and `RawContext.pointer`, for what the SDK does not wrap). */
    public val context: ServerAccess,
) {
    /** The registered module name. */
    public val moduleName: String get() = context.moduleName()

    /**
     * Runs a command now, as a command's `call` does (see [CommandScope.call]): a C module may
     * call in OnLoad too, to read the server's state or prepare keys.
     */
    public fun call(command: String, vararg args: Any, flags: Set<CallFlag> = emptySet()): ReplyValue =
        if (flags.isEmpty()) context.call(command, *args) else context.call(flags, command, *args)

    /** Writes [message] to the server log at [level]. */
    public fun log(message: String, level: LogLevel = LogLevel.NOTICE): Unit = context.log(level, message)

    /**
     * Registers a command filter chosen at load time (say, by the load arguments), until
     * [CommandFilterRegistration.unregister] or the module's unload; a failed load drops it.
     */
    public fun registerCommandFilter(noSelf: Boolean = false, filter: (FilteredCommand) -> Unit): CommandFilterRegistration =
        context.registerCommandFilter({ filter(it) }, noSelf)

    /**
     * Subscribes [handler] to server events of [kind] from now on, until
     * [ServerEventRegistration.unsubscribe] or the module's unload: for events wanted only for a
     * while (a module that always listens declares them in `events { on(kind) { } }`).
     */
    public fun <E : ServerEvent> subscribe(kind: ServerEventKind<E>, handler: ServerEventContext.(event: E) -> Unit): ServerEventRegistration =
        context.subscribe(kind, ServerEventHandler { server, event -> server.handler(event) })
}

/** The receiver of [ModuleScope.checkLoad]: the server log, before anything of the module is registered. */
@ValkeyDsl
public class LoadCheckScope internal constructor() {
    /** Writes [message] to the server log at [level], under the module's name. */
    public fun log(message: String, level: LogLevel = LogLevel.NOTICE): Unit = Server.log(level, message)
}
