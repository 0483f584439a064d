package io.valkeyjvm.core;

/**
 * The running command: replies and what the command may ask of the server. Valid only while the
 * handler runs, on the thread that runs it; using it afterwards throws {@link IllegalStateException}.
 */
public interface CommandContext extends Replies, ModuleContext {
    /** The number of the database the client has selected. */
    int selectedDb();

    /** The command name as the client sent it (the first argument). */
    ValkeyString commandName();
}
