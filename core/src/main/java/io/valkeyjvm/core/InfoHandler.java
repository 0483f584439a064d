package io.valkeyjvm.core;

/** Writes the module's INFO sections when the server asks (INFO, on the main thread). */
@FunctionalInterface
public interface InfoHandler {
    /** Writes the sections; the server keeps only those the client asked for. */
    void write(InfoWriter info);
}
