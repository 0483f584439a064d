package io.valkeyjvm.core;

/** A command filter the module registered while running; the server drops it at unload anyway. */
public interface CommandFilterRegistration {
    /** Unregisters the filter (main thread); false if it was no longer registered. */
    boolean unregister();
}
