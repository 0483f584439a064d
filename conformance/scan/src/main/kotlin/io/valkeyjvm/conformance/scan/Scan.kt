package io.valkeyjvm.conformance.scan

import io.valkeyjvm.core.KeyType
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.scanKeys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/scan.c, module "scan": SCAN.SCAN_STRINGS replies the name and
 * value of every string key (a keyspace scan), SCAN.SCAN_KEY every element of a hash, set or
 * sorted set with its value (a key scan; a set member's value is null).
 *
 * Like the original, a key of another type gets an empty array (ScanKey finds nothing there).
 */
val scan = valkeyModule("scan") {
    commands {
        command("scan.scan_strings") {
            val count = replyArray()
            var strings = 0L
            scanKeys { name ->
                val key = openKey(name)
                if (key.type() == KeyType.STRING) {
                    replyArray(2)
                    reply(name)
                    reply(key.stringValue()!!)
                    strings++
                }
                key.close()
            }
            count.set(strings)
        }

        command("scan.scan_key") { args ->
            if (args.size != 2) throw CommandError("ERR wrong number of arguments for 'scan.scan_key' command")
            val key = openKey(args[1])
            if (key.isEmpty) throw ValkeyException.verbatim("not found")
            val count = replyArray()
            if (key.type() !in scannable) return@command count.set(0)
            var elements = 0L
            key.scanElements { element, value ->
                replyArray(2)
                reply(element)
                if (value != null) reply(value) else replyNull()
                elements++
            }
            count.set(elements)
        }
    }
}

private val scannable = setOf(KeyType.HASH, KeyType.SET, KeyType.ZSET)
