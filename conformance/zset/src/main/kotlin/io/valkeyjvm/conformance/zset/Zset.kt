package io.valkeyjvm.conformance.zset

import io.valkeyjvm.core.Key
import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.SortedSetValue
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.asSequence
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/zset.c: ZSET.ADD, ZSET.INCRBY and ZSET.REM change a sorted set
 * through a key's [SortedSetValue], ZSET.RANGEBYLEX and ZSET.REVRANGEBYLEX walk a lexicographic
 * range each way, ZSET.MEMBERS lists the members (the C module scans the key; a full score range
 * gives the same members). Failures reply as the C module's do: "ERR ZsetAdd failed" and the
 * like, "invalid range" without an error code.
 */
val zset = valkeyModule("zset") {
    commands {
        command("zset.rem", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 3)
            val set = sortedSetOrNull(openKeyForWrite(args[1])) ?: throw CommandError("ERR ZsetRem failed")
            reply(if (set.remove(args[2])) 1L else 0L)
        }
        command("zset.add", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            val key = openKeyForWrite(args[1])
            val score = strtod(args[2]) ?: return@command replyErrorLine("value is not a valid float")
            val set = sortedSetOrNull(key)
            if (set == null || score.isNaN()) throw CommandError("ERR ZsetAdd failed")
            set.add(score, args[3])
            replySimple("OK")
        }
        command("zset.incrby", flags = "write", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            val key = openKeyForWrite(args[1])
            val delta = strtod(args[3]) ?: return@command replyErrorLine("value is not a valid float")
            val set = sortedSetOrNull(key)
            if (set == null || delta.isNaN()) throw CommandError("ERR ZsetIncrby failed")
            val score = try {
                set.incrementScore(args[2], delta)
            } catch (nan: ValkeyException) {
                throw CommandError("ERR ZsetIncrby failed")
            }
            reply(score)
        }
        command("zset.rangebylex", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            rangeByLex(args, reverse = false)
        }
        command("zset.revrangebylex", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 4)
            rangeByLex(args, reverse = true)
        }
        command("zset.members", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            requireArity(args.size == 2)
            val key = openKey(args[1])
            if (key.type() != KeyType.ZSET) throw ValkeyException.wrongType()
            val set = key.sortedSet()
            replyArray(set.size())
            set.rangeByScore(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).asSequence().forEach { reply(it.member()) }
        }
    }
}

private fun CommandScope.rangeByLex(args: List<ValkeyString>, reverse: Boolean) {
    val key = openKey(args[1])
    if (key.type() != KeyType.ZSET) throw ValkeyException.wrongType()
    val range = try {
        key.sortedSet().rangeByLex(args[2], args[3], reverse)
    } catch (invalid: ValkeyException) {
        return replyErrorLine("invalid range")
    }
    val length = replyArray()
    var count = 0L
    range.asSequence().forEach { reply(it.member()); count++ }
    length.set(count)
}

/** The sorted set at [key], or null where the C API's Zset functions fail: a key of another type. */
private fun sortedSetOrNull(key: Key): SortedSetValue? =
    if (key.isEmpty || key.type() == KeyType.ZSET) key.sortedSet() else null

/** The number C's strtod reads from all of [arg] (inf and nan included), or null if it reads less. */
private fun strtod(arg: ValkeyString): Double? {
    val text = arg.toTextOrNull()?.trimStart() ?: return null
    val unsigned = text.removePrefix("+").removePrefix("-")
    val negative = text.startsWith("-")
    val special = when (unsigned.lowercase()) {
        "inf", "infinity" -> Double.POSITIVE_INFINITY
        "nan" -> Double.NaN
        else -> null
    }
    if (special != null) return if (negative) -special else special
    if (!DECIMAL.matches(text)) return null
    val value = text.toDouble()
    return if (value.isInfinite()) null else value // ERANGE
}

private val DECIMAL = Regex("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")
