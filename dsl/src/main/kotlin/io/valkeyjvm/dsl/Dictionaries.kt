package io.valkeyjvm.dsl

import io.valkeyjvm.core.DictSeek
import io.valkeyjvm.core.ServerDictionary
import io.valkeyjvm.core.ValkeyString

/*
 * ServerDictionary the Kotlin way: `dict[key]`, `dict[key] = value`, `key in dict`,
 * `for ((key, value) in dict)`, `dict.entriesFrom(DictSeek.GREATER_OR_EQUAL, start)` as a lazy
 * Sequence and `dict.entriesBetween(from, to)` for a range.
 */

/** Stores [value] under [key], replacing any value there. */
public operator fun ServerDictionary.set(key: ValkeyString, value: ValkeyString) {
    put(key, value)
}

/** Stores the UTF-8 [value] under the UTF-8 [key]. */
public operator fun ServerDictionary.set(key: String, value: String) {
    put(ValkeyString.of(key), ValkeyString.of(value))
}

/** The value under the UTF-8 [key], or null. */
public operator fun ServerDictionary.get(key: String): ValkeyString? = get(ValkeyString.of(key))

/** True if [key] is in the dictionary. */
public operator fun ServerDictionary.contains(key: ValkeyString): Boolean = containsKey(key)

/** True if the UTF-8 [key] is in the dictionary. */
public operator fun ServerDictionary.contains(key: String): Boolean = containsKey(ValkeyString.of(key))

/**
 * The entries in byte order from where [op] and [key] seek (`^`, `>=` key, ...), or, with
 * [descending], walking back from there; read lazily. The iterator is freed when the sequence
 * ends, or once it is garbage.
 */
public fun ServerDictionary.entriesFrom(
    op: DictSeek = DictSeek.FIRST,
    key: ValkeyString = ValkeyString.of(""),
    descending: Boolean = false,
): Sequence<Map.Entry<ValkeyString, ValkeyString>> = sequence {
    seek(op, key).use { iterator ->
        while (true) yield((if (descending) iterator.previousEntry() else iterator.nextEntry()) ?: break)
    }
}

/** The entries with keys from [from] to [to], both included, in byte order. */
public fun ServerDictionary.entriesBetween(from: ValkeyString, to: ValkeyString): Sequence<Map.Entry<ValkeyString, ValkeyString>> =
    entriesFrom(DictSeek.GREATER_OR_EQUAL, from).takeWhile { it.key <= to }
