package io.valkeyjvm.examples.hellodict

import io.valkeyjvm.core.ServerDictionary
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/** The module's own keyspace, kept apart from the server's: a dictionary in server memory, in byte order. */
private val keyspace = ServerDictionary()

/**
 * A port of the server's hellodict example module (src/modules/hellodict.c): a module-wide
 * ordered dictionary with HELLODICT.SET, HELLODICT.GET and HELLODICT.KEYRANGE, the same names,
 * replies and errors.
 */
val hellodict = valkeyModule("hellodict") {
    version = 1
    commands {
        // Like the original (DictSet), a key that is already there keeps its first value.
        command("hellodict.set", flags = "write deny-oom", keys = Keys(1, 1, 1)) { args ->
            if (args.size != 3) throw wrongArity("hellodict.set")
            keyspace.putIfAbsent(args[1], args[2])
            replySimple("OK")
        }

        command("hellodict.get", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            if (args.size != 2) throw wrongArity("hellodict.get")
            val value = keyspace.get(args[1])
            if (value == null) replyNull() else reply(value)
        }

        // The keys from <startkey> to <endkey>, both included, at most <count> of them.
        command("hellodict.keyrange", flags = "readonly", keys = Keys(1, 1, 1)) { args ->
            if (args.size != 4) throw wrongArity("hellodict.keyrange")
            val count = args[3].toLongOrNull() ?: throw CommandError("ERR invalid count")
            reply(keyspace.range(args[1], args[2], count).map { it.key })
        }
    }
}

private fun wrongArity(command: String) = CommandError("ERR wrong number of arguments for '$command' command")
