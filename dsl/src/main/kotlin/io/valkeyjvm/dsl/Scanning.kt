package io.valkeyjvm.dsl

import io.valkeyjvm.core.Key
import io.valkeyjvm.core.ScanCursor
import io.valkeyjvm.core.ServerAccess
import io.valkeyjvm.core.ValkeyString

/*
 * Scanning in Kotlin: `scanKeys { name -> }` for every key in one call, `keys()` as a lazy
 * Sequence, `scanKeys(cursor) { }` for one step of a scan that goes on in later calls, and
 * `key.scanElements { field, value -> }` / `key.elements()` for a hash's, set's or sorted set's
 * elements.
 */

/** Runs [action] on the name of every key of the selected database (Scan), in this call. */
public fun CommandScope.scanKeys(action: (ValkeyString) -> Unit): Unit = context.scanKeys(action)

/**
 * One step of a keyspace scan from where [cursor] is; true while there are more. Keep the cursor
 * (`ScanCursor.create()`) to go on in a later call; close it when done.
 */
public fun CommandScope.scanKeys(cursor: ScanCursor, action: (ValkeyString) -> Unit): Boolean = context.scanKeys(cursor, action)

/** The names of the keys of the selected database, scanned a step at a time as the sequence is read. */
public fun CommandScope.keys(): Sequence<ValkeyString> = context.keys()

/**
 * The names of the keys of the selected database, scanned a step at a time as the sequence is
 * read, within the call that gives this access. A sequence read to its end frees its cursor; one
 * left half-read is freed once it is garbage.
 */
public fun ServerAccess.keys(): Sequence<ValkeyString> = stepwise { cursor, yieldTo -> scanKeys(cursor) { yieldTo(it) } }

/**
 * The elements of a hash (field to value), set (member to null) or sorted set (member to
 * score), scanned a step at a time as the sequence is read (ScanKey).
 */
public fun Key.elements(): Sequence<Pair<ValkeyString, ValkeyString?>> =
    stepwise { cursor, yieldTo -> scanElements(cursor) { element, value -> yieldTo(element to value) } }

private fun <T> stepwise(step: (ScanCursor, (T) -> Unit) -> Boolean): Sequence<T> = sequence {
    val cursor = ScanCursor.create()
    try {
        do {
            val found = ArrayList<T>()
            val more = step(cursor) { found.add(it) }
            yieldAll(found)
        } while (more)
    } finally {
        cursor.close()
    }
}
