package io.valkeyjvm.core;

import java.util.function.Consumer;

/**
 * Writes a module's INFO sections, in order: a section, then its fields. The server names a
 * section {@code <module>_<name>} (the empty name is the module's main section, {@code <module>})
 * and each field {@code <module>_<field>}; it shows them for {@code INFO <module>},
 * {@code INFO <module>_<name>}, {@code INFO modules} and {@code INFO everything}.
 */
public interface InfoWriter {
    /** Starts section {@code name} ({@code ""} for the module's main section). */
    InfoWriter section(String name);

    /** An integer field. */
    InfoWriter field(String name, long value);

    /** An unsigned integer field: {@code value}'s 64 bits read as unsigned. */
    InfoWriter unsignedField(String name, long value);

    /** A floating-point field. */
    InfoWriter field(String name, double value);

    /** A text field. */
    InfoWriter field(String name, String value);

    /** A dictionary field, {@code name:key=value,key=value}, of the fields {@code fields} writes. */
    InfoWriter dict(String name, Consumer<InfoWriter> fields);
}
