package io.valkeyjvm.it

import io.valkeyjvm.core.DictSeek
import io.valkeyjvm.core.ScanCursor
import io.valkeyjvm.core.ServerDictionary
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.elements
import io.valkeyjvm.dsl.entriesBetween
import io.valkeyjvm.dsl.entriesFrom
import io.valkeyjvm.dsl.keys
import io.valkeyjvm.dsl.scanKeys
import io.valkeyjvm.dsl.set
import io.valkeyjvm.dsl.valkeyModule

/** The keyspace scan that SCANFX.STEP goes on with from call to call. */
private val stepCursor = ScanCursor.create()

/** The element scan that SCANFX.ELEMENTSTEP goes on with. */
private val elementCursor = ScanCursor.create()

/** The module's dictionary, made before the module is loaded (its server memory comes at the first write). */
private val dict = ServerDictionary()

/** The "scanfx" module: keyspace and key scans, a server dictionary, and strings with numbers and NUL bytes. */
val scanFixture = valkeyModule("scanfx") {
    commands {
        command("scanfx.keys", arity = 1) { reply(buildList { scanKeys { add(it) } }) }
        // the first <count> keys starting with <prefix>, from a Sequence that is left half-read
        command("scanfx.keyseq", arity = 3) { args ->
            reply(keys().filter { it.startsWith(args[1]) }.take(args[2].toLong().toInt()).toList())
        }
        // one step: [1 while more, else 0, the keys of this step...]; "restart" starts over
        command("scanfx.step", arity = -1) { args ->
            if (args.size > 1) stepCursor.restart()
            val found = ArrayList<ValkeyString>()
            val more = scanKeys(stepCursor) { found.add(it) }
            replyArray(1L + found.size)
            reply(if (more) 1L else 0L)
            found.forEach { reply(it) }
        }
        // deletes every key starting with <prefix> while scanning, which the action may do
        command("scanfx.delprefix", arity = 2, flags = "write") { args ->
            var deleted = 0L
            scanKeys { name -> if (name.startsWith(args[1]) && openKeyForWrite(name).use { it.delete() }) deleted++ }
            reply(deleted)
        }
        command("scanfx.elements", arity = 2) { args -> replyElements(openKey(args[1]).use { key -> key.elements().toList() }) }
        command("scanfx.elementsjava", arity = 2) { args ->
            val found = ArrayList<Pair<ValkeyString, ValkeyString?>>()
            openKey(args[1]).use { key -> key.scanElements { element, value -> found.add(element to value) } }
            replyElements(found)
        }
        command("scanfx.elementstep", arity = 2) { args ->
            val found = ArrayList<Pair<ValkeyString, ValkeyString?>>()
            val more = openKey(args[1]).use { key -> key.scanElements(elementCursor) { element, value -> found.add(element to value) } }
            if (!more) elementCursor.close()
            replyArray(2)
            reply(if (more) 1L else 0L)
            replyElements(found)
        }

        command("scanfx.dset", arity = 3) { args -> dict[args[1]] = args[2]; replyOk() }
        command("scanfx.dsetnx", arity = 3) { args -> reply(dict.putIfAbsent(args[1], args[2])) }
        command("scanfx.dget", arity = 2) { args -> dict.get(args[1])?.let { reply(it) } ?: replyNull() }
        command("scanfx.ddel", arity = 2) { args -> reply(dict.remove(args[1])) }
        command("scanfx.dsize", arity = 1) { reply(dict.size()) }
        command("scanfx.dclear", arity = 1) { dict.clear(); replyOk() }
        command("scanfx.dmem", arity = 1) { reply(dict.memoryUsage()) }
        // keys from <from> to <to>, through the Java range and the Kotlin sequence: both must agree
        command("scanfx.drange", arity = 4) { args ->
            val java = dict.range(args[1], args[2], args[3].toLong()).map { it.key }
            val kotlin = dict.entriesBetween(args[1], args[2]).take(args[3].toLong().toInt()).map { it.key }.toList()
            check(java == kotlin) { "range $java, sequence $kotlin" }
            reply(java)
        }
        // <op> <key> <next|prev> <count>: keys in walking order
        command("scanfx.dwalk", arity = 5) { args ->
            val op = DictSeek.of(args[1].toText())
            reply(dict.entriesFrom(op, args[2], descending = args[3].equalsIgnoreCase("prev")).take(args[4].toLong().toInt()).map { it.key }.toList())
        }
        // walks forward from the start, deleting every other key and adding one behind: the walk goes on
        command("scanfx.dwalkdel", arity = 1) { _ ->
            val seen = ArrayList<ValkeyString>()
            dict.iterator().use { iterator ->
                var index = 0
                while (iterator.hasNext()) {
                    val entry = iterator.next()
                    seen.add(entry.key)
                    if (index++ % 2 == 1) iterator.remove()
                    dict.put(ValkeyString.of(""), ValkeyString.of("front"))
                }
            }
            reply(seen)
        }
        // next, next, prev, prev from the first key, and whether the current key is <= <key>
        command("scanfx.dzigzag", arity = 2) { args ->
            dict.seek(DictSeek.FIRST, ValkeyString.of("")).use { it ->
                val keys = listOf(it.nextEntry(), it.nextEntry(), it.previousEntry(), it.previousEntry()).map { e -> e?.key }
                replyArray(5)
                keys.forEach { key -> if (key == null) replyNull() else reply(key) }
                reply(it.currentIs(DictSeek.LESS_OR_EQUAL, args[1]))
            }
        }

        command("scanfx.concat", arity = -2) { args -> reply(args.drop(1).fold(ValkeyString.of("")) { all, s -> all.concat(s) }) }
        command("scanfx.double", arity = 2) { args -> reply(ValkeyString.of(args[1].toDouble())) }
        command("scanfx.unsigned", arity = 2) { args -> reply(ValkeyString.ofUnsigned(args[1].toUnsignedLong())) }
        command("scanfx.decimal", arity = 2) { args -> reply(ValkeyString.of(args[1].toBigDecimal())) }
        // stores <value> with SET through call, reads it back through the key API
        command("scanfx.roundtrip", arity = 3, flags = "write") { args ->
            call("SET", args[1], args[2])
            reply(openKey(args[1]).use { it.stringValue()!! })
        }
    }
}

private fun CommandScope.replyElements(elements: List<Pair<ValkeyString, ValkeyString?>>) {
    replyArray(elements.size * 2L)
    for ((element, value) in elements) {
        reply(element)
        if (value == null) replyNull() else reply(value)
    }
}
