package io.valkeyjvm.core;

/** What a module can do in its load and unload code: know its name and write to the server log. */
public interface ModuleContext {
    /** The registered module name. */
    String moduleName();

    /** Writes {@code message} to the server log, prefixed with the module name. */
    void log(LogLevel level, String message);

    /**
     * Registers {@code filter} now (during load, or from a command on the main thread): it sees,
     * and may rewrite, every command from then on (with {@code noSelf}, not the module's own
     * calls), until {@link CommandFilterRegistration#unregister} or the module's unload. A module
     * that always filters declares its filter instead ({@link ModuleDefinition.Builder#commandFilter}).
     *
     * @throws IllegalStateException if the module has too many filters registered, or the server refuses
     */
    CommandFilterRegistration registerCommandFilter(CommandFilter filter, boolean noSelf);

    /**
     * Subscribes {@code handler} to events of {@code kind} now (during load, or from a command on
     * the main thread), until {@link ServerEventRegistration#unsubscribe} or the module's unload.
     * A module that always listens declares its handler instead
     * ({@link ModuleDefinition.Builder#onServerEvent}); subscribing at run time suits costly events
     * that are wanted only for a while, such as {@link ServerEventKind#COMMAND_RESULT}.
     *
     * @throws IllegalStateException if the running server does not have events of {@code kind}
     */
    <E extends ServerEvent> ServerEventRegistration subscribe(ServerEventKind<E> kind, ServerEventHandler<? super E> handler);
}
