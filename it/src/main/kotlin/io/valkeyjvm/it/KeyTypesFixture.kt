package io.valkeyjvm.it

import io.valkeyjvm.core.HashSetFlag
import io.valkeyjvm.core.SortedSetAddFlag
import io.valkeyjvm.core.StreamId
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.add
import io.valkeyjvm.dsl.asSequence
import io.valkeyjvm.dsl.valkeyModule

/**
 * The "kt" module: one command per operation of a key's typed views (list, hash, sorted set,
 * stream, string in place) and of the database calls (exists, unlink, select, size, random key),
 * for KeyTypesSpec. It ships in the fixture's jar; the spec loads it through a copy of the jar
 * that names this file's class.
 */
val keyTypesFixture = valkeyModule("kt") {
    commands {
        // --- lists
        command("kt.lpush", flags = "write", keys = Keys.single()) { args ->
            val list = openKeyForWrite(args[1]).list()
            args.drop(2).forEach { list.pushFirst(it) }
            reply(list.size())
        }
        command("kt.rpush", flags = "write", keys = Keys.single()) { args ->
            val list = openKeyForWrite(args[1]).list()
            args.drop(2).forEach { list.pushLast(it) }
            reply(list.size())
        }
        command("kt.lpop", arity = 2, flags = "write", keys = Keys.single()) { args -> replyOrNull(openKeyForWrite(args[1]).list().popFirst()) }
        command("kt.rpop", arity = 2, flags = "write", keys = Keys.single()) { args -> replyOrNull(openKeyForWrite(args[1]).list().popLast()) }
        command("kt.lget", arity = 3, flags = "readonly", keys = Keys.single()) { args -> reply(openKey(args[1]).list()[number(args[2])]) }
        command("kt.lset", arity = 4, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).list()[number(args[2])] = args[3]
            replyOk()
        }
        command("kt.linsert", arity = 4, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).list().insert(number(args[2]), args[3])
            replyOk()
        }
        command("kt.ldel", arity = 3, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).list().delete(number(args[2]))
            replyOk()
        }
        command("kt.lall", arity = 2, flags = "readonly", keys = Keys.single()) { args -> reply(openKey(args[1]).list().toList()) }

        // --- hashes: KT.HSET key flags field value [field value ...], the value ":del:" deletes
        command("kt.hset", arity = -5, flags = "write", keys = Keys.single()) { args ->
            if (args.size % 2 == 0) throw CommandError("ERR fields and values come in pairs")
            val flags = args[2].toText().mapNotNull {
                when (it) {
                    'n' -> HashSetFlag.NX
                    'x' -> HashSetFlag.XX
                    'a' -> HashSetFlag.COUNT_ALL
                    '-' -> null
                    else -> throw CommandError("ERR unknown flag '$it'")
                }
            }.toSet()
            val changes = LinkedHashMap<ValkeyString, ValkeyString?>()
            for (i in 3 until args.size step 2) changes[args[i]] = args[i + 1].takeUnless { it.toText() == ":del:" }
            reply(openKeyForWrite(args[1]).hash().set(changes, flags))
        }
        command("kt.hput", arity = 4, flags = "write", keys = Keys.single()) { args -> reply(openKeyForWrite(args[1]).hash().set(args[2], args[3])) }
        command("kt.hdel", arity = 3, flags = "write", keys = Keys.single()) { args -> reply(openKeyForWrite(args[1]).hash().delete(args[2])) }
        command("kt.hget", arity = -3, flags = "readonly", keys = Keys.single()) { args ->
            val values = openKey(args[1]).hash().get(args.drop(2))
            replyArray(values.size.toLong())
            values.forEach { replyOrNull(it) }
        }
        command("kt.hexists", arity = 3, flags = "readonly", keys = Keys.single()) { args -> reply(args[2] in openKey(args[1]).hash()) }
        command("kt.hasref", arity = 3, flags = "readonly", keys = Keys.single()) { args -> reply(openKey(args[1]).hash().hasStringRef(args[2])) }
        command("kt.hlen", arity = 2, flags = "readonly", keys = Keys.single()) { args -> reply(openKey(args[1]).hash().size()) }

        // --- sorted sets: KT.ZADD key flags score member
        command("kt.zadd", arity = 5, flags = "write", keys = Keys.single()) { args ->
            val flags = args[2].toText().mapNotNull {
                when (it) {
                    'n' -> SortedSetAddFlag.NX
                    'x' -> SortedSetAddFlag.XX
                    'g' -> SortedSetAddFlag.GT
                    'l' -> SortedSetAddFlag.LT
                    '-' -> null
                    else -> throw CommandError("ERR unknown flag '$it'")
                }
            }.toSet()
            val score = if (args[3].equalsIgnoreCase("nan")) Double.NaN else args[3].toDoubleOrNull() ?: throw CommandError("ERR score is not a number")
            replySimple(openKeyForWrite(args[1]).sortedSet().add(score, args[4], flags).name)
        }
        command("kt.zincr", arity = 4, flags = "write", keys = Keys.single()) { args ->
            val delta = args[3].toDoubleOrNull() ?: throw CommandError("ERR delta is not a number")
            reply(openKeyForWrite(args[1]).sortedSet().incrementScore(args[2], delta))
        }
        command("kt.zrem", arity = 3, flags = "write", keys = Keys.single()) { args -> reply(openKeyForWrite(args[1]).sortedSet().remove(args[2])) }
        command("kt.zscore", arity = 3, flags = "readonly", keys = Keys.single()) { args ->
            val score = openKey(args[1]).sortedSet().score(args[2])
            if (score == null) replyNull() else reply(score)
        }
        // KT.ZRANGE key min max [REV] [EXCL]: members and scores, the bounds "(x" exclusive.
        command("kt.zrange", arity = -4, flags = "readonly", keys = Keys.single()) { args ->
            val options = args.drop(4).map { it.toText().uppercase() }.toSet()
            val (min, minEx) = scoreBound(args[2])
            val (max, maxEx) = scoreBound(args[3])
            val range = openKey(args[1]).sortedSet().rangeByScore(min, minEx, max, maxEx, "REV" in options)
            val length = replyArray()
            var n = 0L
            range.asSequence().forEach { reply(it.member()); reply(it.score()); n += 2 }
            length.set(n)
        }
        command("kt.zlex", arity = -4, flags = "readonly", keys = Keys.single()) { args ->
            val reverse = args.size > 4 && args[4].equalsIgnoreCase("REV")
            reply(openKey(args[1]).sortedSet().rangeByLex(args[2], args[3], reverse).asSequence().map { it.member() }.toList())
        }
        // Starts a range, reads one member and returns with the range open: the key's close ends it.
        command("kt.zpeek", arity = 2, flags = "readonly", keys = Keys.single()) { args ->
            val range = openKey(args[1]).sortedSet().rangeByScore(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
            reply(range.next().member())
        }
        // Reads one member, writes to the set (which ends the range), then says if the range goes on.
        command("kt.zwritewhilewalking", arity = 2, flags = "write", keys = Keys.single()) { args ->
            val set = openKeyForWrite(args[1]).sortedSet()
            val range = set.rangeByScore(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
            val first = range.next().member()
            set.remove(first)
            reply(listOf(first, ValkeyString.of(range.hasNext().toString())))
        }

        // The same with a command run through call, and with a write through a second key of the same name.
        command("kt.zcallwhilewalking", arity = 2, flags = "write", keys = Keys.single()) { args ->
            val range = openKey(args[1]).sortedSet().rangeByScore(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
            val first = range.next().member()
            call("DEL", args[1])
            val afterCall = range.hasNext()
            val again = openKey(args[1]).sortedSet().rangeByScore(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
            call("ZADD", args[1], "1", "x", "2", "y")
            val walking = openKey(args[1]).sortedSet().rangeByScore(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
            walking.next()
            openKeyForWrite(args[1]).delete()
            reply(listOf(first, ValkeyString.of("$afterCall ${again.hasNext()} ${walking.hasNext()}")))
        }

        // --- streams: KT.XADD key id|* field value ...
        command("kt.xadd", arity = -5, flags = "write", keys = Keys.single()) { args ->
            val stream = openKeyForWrite(args[1]).stream()
            val fields = args.drop(3)
            if (args[2].toText() == "*") {
                reply(stream.add(fields).toValkeyString())
            } else {
                val id = StreamId.parse(args[2])
                stream.add(id, fields)
                reply(id.toValkeyString())
            }
        }
        command("kt.xaddpairs", arity = 4, flags = "write", keys = Keys.single()) { args ->
            reply(openKeyForWrite(args[1]).stream().add(args[2] to args[3]).toValkeyString())
        }
        command("kt.xdel", arity = 3, flags = "write", keys = Keys.single()) { args -> reply(openKeyForWrite(args[1]).stream().delete(StreamId.parse(args[2]))) }
        command("kt.xlen", arity = 2, flags = "readonly", keys = Keys.single()) { args -> reply(openKey(args[1]).stream().size()) }
        // KT.XRANGE key start end [REV] [EXCL], "-" and "+" for the ends: [[id, [field, value, ...]], ...]
        command("kt.xrange", arity = -4, flags = "readonly", keys = Keys.single()) { args ->
            val options = args.drop(4).map { it.toText().uppercase() }.toSet()
            val start = args[2].takeUnless { it.toText() == "-" }?.let { StreamId.parse(it) }
            val end = args[3].takeUnless { it.toText() == "+" }?.let { StreamId.parse(it) }
            val entries = openKey(args[1]).stream().range(start, end, "EXCL" in options, "REV" in options).asSequence().toList()
            replyArray(entries.size.toLong())
            for (entry in entries) {
                replyArray(2)
                reply(entry.id().toValkeyString())
                reply(entry.fields().flatMap { listOf(it.name(), it.value()) })
            }
        }
        // Deletes, while walking the whole stream, each entry with a field named "drop"; replies how many.
        command("kt.xdrop", arity = 2, flags = "write", keys = Keys.single()) { args ->
            val range = openKeyForWrite(args[1]).stream().range(null, null, false)
            var dropped = 0L
            for (entry in range) if (entry.fields().any { it.name().toText() == "drop" }) { range.deleteCurrent(); dropped++ }
            reply(dropped)
        }
        command("kt.xdeletetwice", arity = 2, flags = "write", keys = Keys.single()) { args ->
            val range = openKeyForWrite(args[1]).stream().range(null, null, false)
            range.next()
            range.deleteCurrent()
            range.deleteCurrent()
            replyOk()
        }
        // KT.XTRIM key MAXLEN|MINID n|id [~]
        command("kt.xtrim", arity = -4, flags = "write", keys = Keys.single()) { args ->
            val stream = openKeyForWrite(args[1]).stream()
            val approximate = args.size > 4 && args[4].toText() == "~"
            reply(when (args[2].toText().uppercase()) {
                "MAXLEN" -> stream.trimByLength(number(args[3]), approximate)
                "MINID" -> stream.trimById(StreamId.parse(args[3]), approximate)
                else -> throw CommandError("ERR MAXLEN or MINID")
            })
        }

        // --- strings in place
        command("kt.sread", arity = 4, flags = "readonly", keys = Keys.single()) { args ->
            reply(openKey(args[1]).string().read(number(args[2]), number(args[3]).toInt()))
        }
        command("kt.swrite", arity = 4, flags = "write", keys = Keys.single()) { args ->
            reply(openKeyForWrite(args[1]).string().write(number(args[2]), args[3].toByteArray()))
        }
        command("kt.struncate", arity = 3, flags = "write", keys = Keys.single()) { args ->
            openKeyForWrite(args[1]).string().truncate(number(args[2]))
            replyOk()
        }
        command("kt.sget", arity = 2, flags = "readonly", keys = Keys.single()) { args -> reply(openKey(args[1]).string().get()) }

        // --- keys and databases
        command("kt.unlink", arity = 2, flags = "write", keys = Keys.single()) { args -> reply(openKeyForWrite(args[1]).unlink()) }
        command("kt.exists", arity = 2, flags = "readonly", keys = Keys.single()) { args -> reply(keyExists(args[1])) }
        command("kt.db", arity = 1, flags = "readonly") {
            replyArray(2)
            reply(selectedDb)
            reply(dbSize)
        }
        command("kt.random", arity = 1, flags = "readonly") { replyOrNull(randomKey()) }
        command("kt.select", arity = 2, flags = "readonly") { args ->
            selectDb(number(args[1]).toInt())
            replyOk()
        }
        // Looks in database db for key, then goes back to the client's database.
        command("kt.existsin", arity = 3, flags = "readonly") { args ->
            val home = selectedDb
            selectDb(number(args[1]).toInt())
            try {
                reply(keyExists(args[2]))
            } finally {
                selectDb(home)
            }
        }
    }
}

private fun CommandScope.replyOrNull(value: ValkeyString?) = if (value == null) replyNull() else reply(value)

private fun number(arg: ValkeyString): Long = arg.toLongOrNull() ?: throw CommandError("ERR '${arg.toText()}' is not a number")

/** A score bound as ZRANGEBYSCORE writes it: "(1.5" exclusive, "-inf", "+inf". */
private fun scoreBound(arg: ValkeyString): Pair<Double, Boolean> {
    val text = arg.toText()
    val exclusive = text.startsWith("(")
    val number = text.removePrefix("(")
    val value = when (number.lowercase()) {
        "-inf" -> Double.NEGATIVE_INFINITY
        "+inf", "inf" -> Double.POSITIVE_INFINITY
        else -> number.toDoubleOrNull() ?: throw CommandError("ERR min or max is not a float")
    }
    return value to exclusive
}
