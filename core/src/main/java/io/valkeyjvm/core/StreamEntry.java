package io.valkeyjvm.core;

import java.util.List;

/**
 * A stream entry as a {@link StreamRange} yields it: its ID and its fields in the order they were
 * added (a field name may repeat).
 */
public record StreamEntry(StreamId id, List<Field> fields) {
    /** One field of an entry. */
    public record Field(ValkeyString name, ValkeyString value) {}
}
