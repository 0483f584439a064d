package io.valkeyjvm.dsl

import io.valkeyjvm.core.HashSetFlag
import io.valkeyjvm.core.HashValue
import io.valkeyjvm.core.ScoredMember
import io.valkeyjvm.core.SortedSetRange
import io.valkeyjvm.core.StreamEntry
import io.valkeyjvm.core.StreamId
import io.valkeyjvm.core.StreamRange
import io.valkeyjvm.core.StreamValue
import io.valkeyjvm.core.ValkeyString

// Kotlin reads the typed views of a key (Key.list(), hash(), sortedSet(), stream(), string())
// with operators as they are: list[i], list[i] = v, hash[field], field in hash, for (e in list).

/**
 * Sets several fields at once, deleting those whose value is null, as [flags] allow; returns how
 * many existing fields changed (see [HashValue.set]).
 *
 * ```kotlin
 * key.hash().setAll(name to value, stale to null, flags = setOf(HashSetFlag.XX))
 * ```
 */
public fun HashValue.setAll(vararg changes: Pair<ValkeyString, ValkeyString?>, flags: Set<HashSetFlag> = emptySet()): Long =
    set(linkedMapOf(*changes), flags)

/** Adds an entry of [fields] with the next ID and returns the ID: `stream.add("temp" to reading)`. */
public fun StreamValue.add(vararg fields: Pair<ValkeyString, ValkeyString>): StreamId =
    add(fields.flatMap { listOf(it.first, it.second) })

/** The members of this range, lazily; the range ends with the key if not read to its end. */
public fun SortedSetRange.asSequence(): Sequence<ScoredMember> = Sequence { this }

/** The entries of this range, lazily; the range ends with the key if not read to its end. */
public fun StreamRange.asSequence(): Sequence<StreamEntry> = Sequence { this }

/** The fields of this entry as a map (the last value wins where a field name repeats). */
public fun StreamEntry.toMap(): Map<ValkeyString, ValkeyString> = fields().associate { it.name() to it.value() }
