package io.valkeyjvm.examples.hellotype

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.blockOnKeys
import io.valkeyjvm.dsl.valkeyModule
import kotlin.time.Duration.Companion.INFINITE
import kotlin.time.Duration.Companion.milliseconds

/** A sorted list of 64-bit integers: the value of the hellotype data type. */
class HelloTypeList {
    private var elements = LongArray(4)

    /** How many elements were inserted. */
    var size: Int = 0
        private set

    /** Inserts [element] in order, before the first element not smaller than it. */
    fun insert(element: Long) {
        var position = 0
        while (position < size && elements[position] < element) position++
        if (size == elements.size) elements = elements.copyOf(size * 2)
        elements.copyInto(elements, position + 1, position, size)
        elements[position] = element
        size++
    }

    /** The elements in order. */
    fun asSequence(): Sequence<Long> = (0 until size).asSequence().map { elements[it] }
}

/**
 * A port of the server's hellotype example (src/modules/hellotype.c): the same commands, replies,
 * RDB layout (the length, then each element), AOF rewrite (one HELLOTYPE.INSERT per element) and
 * digest, and HELLOTYPE.BRANGE, which blocks on the key.
 */
val hellotype = valkeyModule("hellotype") {
    val helloType = dataTypes {
        dataType<HelloTypeList>("hellotype", encodingVersion = 0) {
            save { list ->
                writeUnsigned(list.size.toLong())
                list.asSequence().forEach { writeSigned(it) }
            }
            load { _ ->
                val list = HelloTypeList()
                repeat(readUnsigned().toInt()) { list.insert(readSigned()) }
                list
            }
            aofRewrite { list -> list.asSequence().forEach { emit("HELLOTYPE.INSERT", key, it) } }
            memoryUsage { list -> 16L + 16L * list.size }
            digest { list ->
                list.asSequence().forEach { add(it) }
                endSequence()
            }
            copy { list -> HelloTypeList().also { copy -> list.asSequence().forEach(copy::insert) } }
        }
    }

    commands {
        // HELLOTYPE.INSERT key value: inserts in order, creating the key; replies the new length.
        command("hellotype.insert", arity = 3, flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            val key = openKeyForWrite(args[1])
            val existing = key.value(helloType)
            val value = args[2].toLongOrNull() ?: throw CommandError("ERR invalid value: must be a signed 64 bit integer")
            val list = existing ?: HelloTypeList().also { key.set(helloType, it) }
            list.insert(value)
            signalKeyAsReady(args[1])
            reply(list.size)
            replicateVerbatim()
        }

        // HELLOTYPE.RANGE key first count: up to count elements from the head. Like the original,
        // first is validated but not used.
        command("hellotype.range", arity = 4, flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            replyRange(openKey(args[1]).value(helloType), args)
        }

        // HELLOTYPE.BRANGE key first count timeout: RANGE, or, if the key is empty, block until an
        // INSERT makes it a hellotype list, for at most timeout milliseconds (0: no limit).
        command("hellotype.brange", arity = 5, flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            val list = openKey(args[1]).value(helloType)
            val timeout = args[4].toLongOrNull() ?: throw CommandError("ERR invalid timeout parameter")
            if (list != null) return@command replyRange(list, args)
            blockOnKeys(listOf(args[1]), timeout = if (timeout <= 0) INFINITE else timeout.milliseconds,
                onTimeout = { replySimple("Request timedout") }) { blockedArgs, readyKey ->
                val key = openKey(readyKey)
                if (key.type() != KeyType.MODULE) return@blockOnKeys false
                val ready = runCatching { key.value(helloType) }.getOrNull() ?: return@blockOnKeys false
                replyRange(ready, blockedArgs)
                true
            }
        }

        // HELLOTYPE.LEN key: the number of elements, 0 for a missing key.
        command("hellotype.len", arity = 2, flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            reply(openKey(args[1]).value(helloType)?.size ?: 0)
        }
    }
}

/** RANGE's reply: up to `count` (args[3]) elements from the head; `first` (args[2]) is checked, not used. */
private fun CommandScope.replyRange(list: HelloTypeList?, args: List<ValkeyString>) {
    val first = args[2].toLongOrNull()
    val count = args[3].toLongOrNull()
    if (first == null || count == null || first < 0 || count < 0) throw CommandError("ERR invalid first or count parameters")
    val elements = list?.asSequence()?.take(count.coerceAtMost(Int.MAX_VALUE.toLong()).toInt())?.toList().orEmpty()
    replyArray(elements.size.toLong())
    elements.forEach { reply(it) }
}
