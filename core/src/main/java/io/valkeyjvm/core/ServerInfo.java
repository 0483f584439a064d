package io.valkeyjvm.core;

import org.jspecify.annotations.Nullable;

/**
 * The server's INFO of one section (or {@code all}, {@code everything}, a module's section...) as
 * a module reads it (GetServerInfo): typed fields by name, null when the section has no such
 * field or its value is not of that type. Valid while the call that opened it lasts.
 */
public interface ServerInfo {
    /** The field's text. */
    @Nullable String text(String field);

    /** The field as a signed 64-bit integer. */
    @Nullable Long signed(String field);

    /** The field as an unsigned 64-bit integer (its bits in a long). */
    @Nullable Long unsigned(String field);

    /** The field as a double. */
    @Nullable Double decimal(String field);
}
