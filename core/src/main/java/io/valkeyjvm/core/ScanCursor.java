package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.Scans;

/**
 * Where a scan of the keyspace ({@link ServerAccess#scanKeys(ScanCursor, java.util.function.Consumer)})
 * or of a key's elements ({@link Key#scanElements(ScanCursor, ScanKeyHandler)}) has got to: keep
 * it to go on in a later call, as SCAN's cursor does. The same guarantees as SCAN: every element
 * there from start to end is seen, some maybe twice.
 *
 * <pre>{@code
 * ScanCursor cursor = ScanCursor.create();      // kept by the module between commands
 * boolean more = ctx.scanKeys(cursor, name -> ctx.reply(name));
 * if (!more) cursor.close();
 * }</pre>
 *
 * <p>A cursor holds a little server memory (ScanCursorCreate): {@link #close()} frees it; one
 * left unclosed is freed once it is garbage, or when the module unloads.
 */
public interface ScanCursor extends AutoCloseable {
    /** A cursor at the start. */
    static ScanCursor create() {
        return Scans.newCursor();
    }

    /** True once a scan with this cursor has reached its end (until {@link #restart()}). */
    boolean isDone();

    /** Goes back to the start (ScanCursorRestart). */
    void restart();

    /** Frees the cursor; using it afterwards starts over from the start. */
    @Override
    void close();
}
