package io.valkeyjvm.core;

/** What a module can do in its load and unload code: know its name and write to the server log. */
public interface ModuleContext {
    /** The registered module name. */
    String moduleName();

    /** Writes {@code message} to the server log, prefixed with the module name. */
    void log(LogLevel level, String message);
}
