package io.valkeyjvm.examples.javacalls

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.valkeyServer
import redis.clients.jedis.Jedis

/** Key specs, docs, getkeys and getchannels code, subcommands and ACL categories, as the server and its ACLs see them. */
class JavaCallsMetadataSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(javaCallsModule))

    fun info(command: String): List<*> = (server.call("COMMAND", "INFO", command) as List<*>)[0] as List<*>
    fun Jedis.error(vararg args: String): String =
        runCatching { send(*args) }.exceptionOrNull()?.message ?: error("${args.toList()} did not fail")

    fun range(lastKey: Long, keyStep: Long, limit: Long) =
        listOf("type", "range", "spec", listOf("lastkey", lastKey, "keystep", keyStep, "limit", limit))
    fun index(index: Long) = listOf("type", "index", "spec", listOf("index", index))

    test("COMMAND INFO: JAVACALLS.PEEK's arity, flags, key range, categories and its index-and-range key spec") {
        info("javacalls.peek") shouldBe listOf(
            "javacalls.peek", -2L, listOf("readonly", "module", "fast"), 1L, -1L, 1L,
            listOf("@read", "@fast", "@javacalls"), emptyList<Any>(),
            listOf(listOf("flags", listOf("RO", "access"), "begin_search", index(1), "find_keys", range(-1, 1, 0))),
            emptyList<Any>(),
        )
    }

    test("COMMAND INFO: JAVACALLS.SUM's keynum and keyword key specs make its keys movable") {
        info("javacalls.sum") shouldBe listOf(
            "javacalls.sum", -3L, listOf("write", "denyoom", "module", "movablekeys"), 0L, 0L, 0L,
            listOf("@write", "@javacalls"), emptyList<Any>(),
            listOf(
                listOf("notes", "the source keys are only read", "flags", listOf("RO", "access"), "begin_search", index(1),
                    "find_keys", listOf("type", "keynum", "spec", listOf("keynumidx", 0L, "firstkey", 1L, "keystep", 1L))),
                listOf("flags", listOf("OW", "update"),
                    "begin_search", listOf("type", "keyword", "spec", listOf("keyword", "INTO", "startfrom", -2L)),
                    "find_keys", range(0, 1, 0)),
            ),
            emptyList<Any>(),
        )
        info("javacalls.newid")[7] shouldBe listOf("nondeterministic_output")
    }

    test("COMMAND DOCS: summary, since, complexity, history and the arguments of JAVACALLS.SUM") {
        server.call("COMMAND", "DOCS", "javacalls.sum") shouldBe listOf("javacalls.sum", listOf(
            "summary", "Adds up the integer values of keys, and stores the sum if asked.",
            "since", "1.0.0",
            "group", "module",
            "complexity", "O(N) where N is the number of keys",
            "module", "javacalls",
            "history", listOf(listOf("1.1.0", "Added the `INTO` option.")),
            "arguments", listOf(
                listOf("name", "numkeys", "type", "integer", "display_text", "numkeys"),
                listOf("name", "key", "type", "key", "display_text", "key", "key_spec_index", 0L, "flags", listOf("multiple")),
                listOf("name", "destination", "type", "key", "display_text", "destination", "key_spec_index", 1L, "token", "INTO",
                    "summary", "where to store the sum", "since", "1.1.0", "flags", listOf("optional")),
            ),
        ))
    }

    test("COMMAND DOCS: JAVACALLS.LOOKUP's one-of argument") {
        val docs = (server.call("COMMAND", "DOCS", "javacalls.lookup") as List<*>)[1] as List<*>
        docs.chunked(2).associate { it[0] to it[1] }["arguments"] shouldBe listOf(listOf(
            "name", "part", "type", "oneof", "flags", listOf("multiple"), "arguments", listOf(
                listOf("name", "key", "type", "string", "display_text", "key", "token", "KEY"),
                listOf("name", "text", "type", "string", "display_text", "text", "token", "TEXT"),
            ),
        ))
    }

    test("COMMAND GETKEYS finds keys by the key specs, and by the getkeys-api code") {
        server.call("COMMAND", "GETKEYS", "javacalls.peek", "a", "b", "c") shouldBe listOf("a", "b", "c")
        server.call("COMMAND", "GETKEYS", "javacalls.sum", "2", "a", "b") shouldBe listOf("a", "b")
        server.call("COMMAND", "GETKEYS", "javacalls.sum", "2", "a", "b", "INTO", "total") shouldBe listOf("a", "b", "total")
        server.call("COMMAND", "GETKEYSANDFLAGS", "javacalls.sum", "1", "a", "INTO", "total") shouldBe
            listOf(listOf("a", listOf("RO", "access")), listOf("total", listOf("OW", "update")))
        server.call("COMMAND", "GETKEYS", "javacalls.lookup", "KEY", "a", "TEXT", "hello", "KEY", "b") shouldBe listOf("a", "b")
        server.call("COMMAND", "GETKEYSANDFLAGS", "javacalls.lookup", "text", "x", "key", "k") shouldBe
            listOf(listOf("k", listOf("RO", "access")))
        server.call("COMMAND", "GETKEYS", "javacalls.counter", "incr", "hits") shouldBe listOf("hits")
        server.errorReply("COMMAND", "GETKEYS", "javacalls.notify", "news", "hello") shouldBe "ERR The command has no key arguments"
    }

    test("the commands do what their docs say; bad input gets a clear error and the server keeps answering") {
        server.call("MSET", "n:1", "10", "n:2", "-3", "word", "text")
        server.call("JAVACALLS.PUT", "greeting", "hello") shouldBe "OK"
        server.call("JAVACALLS.PEEK", "greeting", "missing") shouldBe listOf("hello", null)
        server.call("JAVACALLS.SUM", "2", "n:1", "n:2") shouldBe 7L
        server.call("JAVACALLS.SUM", "3", "n:1", "n:2", "missing", "INTO", "total") shouldBe 7L
        server.call("GET", "total") shouldBe "7"
        server.call("JAVACALLS.LOOKUP", "TEXT", "sum:", "KEY", "total", "key", "missing") shouldBe listOf("sum:", "7", null)
        server.call("JAVACALLS.COUNTER", "GET", "hits") shouldBe 0L
        server.call("JAVACALLS.COUNTER", "INCR", "hits") shouldBe 1L
        server.call("JAVACALLS.COUNTER", "get", "hits") shouldBe 1L

        server.errorReply("JAVACALLS.SUM", "0", "n:1") shouldBe "ERR numkeys must be a positive integer"
        server.errorReply("JAVACALLS.SUM", "two", "n:1") shouldBe "ERR numkeys must be a positive integer"
        server.errorReply("JAVACALLS.SUM", "2", "n:1") shouldBe "ERR syntax error"
        server.errorReply("JAVACALLS.SUM", "1", "n:1", "TO", "total") shouldBe "ERR syntax error"
        server.errorReply("JAVACALLS.SUM", "2", "n:1", "word") shouldBe "ERR the value of 'word' is not an integer"
        server.errorReply("JAVACALLS.LOOKUP", "KEY", "a", "TEXT") shouldBe "ERR syntax error: KEY and TEXT each take one argument"
        server.errorReply("JAVACALLS.LOOKUP", "NAME", "a") shouldBe "ERR unknown token 'NAME', expected KEY or TEXT"
        server.errorReply("JAVACALLS.PEEK") shouldBe "ERR wrong number of arguments for 'javacalls.peek' command"
        server.errorReply("JAVACALLS.COUNTER", "RESET", "hits") shouldBe "ERR unknown subcommand 'RESET'. Try JAVACALLS.COUNTER HELP."
        server.errorReply("JAVACALLS.COUNTER", "INCR") shouldBe "ERR wrong number of arguments for 'javacalls.counter|incr' command"
        server.errorReply("JAVACALLS.COUNTER", "INCR", "word") shouldBe "ERR value is not an integer or out of range"
        server.call("PING") shouldBe "PONG"
    }

    test("a container command: COMMAND INFO lists its subcommands, each with its flags and key spec") {
        val container = info("javacalls.counter")
        container.take(8) shouldBe listOf("javacalls.counter", -2L, listOf("module"), 0L, 0L, 0L, listOf("@javacalls"), emptyList<Any>())
        val subcommands = (container[9] as List<*>).associateBy { (it as List<*>)[0] }
        subcommands.keys shouldBe setOf("javacalls.counter|get", "javacalls.counter|incr")
        subcommands["javacalls.counter|get"] shouldBe listOf(
            "javacalls.counter|get", 3L, listOf("readonly", "module", "fast"), 2L, 2L, 1L, listOf("@read", "@fast", "@javacalls"),
            emptyList<Any>(), listOf(listOf("flags", listOf("RO", "access"), "begin_search", index(2), "find_keys", range(0, 1, 0))),
            emptyList<Any>(),
        )
        (subcommands["javacalls.counter|incr"] as List<*>).take(7) shouldBe listOf(
            "javacalls.counter|incr", 3L, listOf("write", "denyoom", "module", "fast"), 2L, 2L, 1L, listOf("@write", "@fast", "@javacalls"),
        )
    }

    test("%R~shelf:* lets a user read shelf: keys with the read-only commands, and not write them") {
        server.call("MSET", "shelf:a", "1", "shelf:b", "2", "other", "3")
        server.call("ACL", "SETUSER", "reader", "reset", "on", "nopass", "+@javacalls", "%R~shelf:*", "&news:*") shouldBe "OK"
        server.newClient().use { reader ->
            reader.auth("reader", "any") shouldBe "OK"
            reader.send("JAVACALLS.PEEK", "shelf:a", "shelf:b") shouldBe listOf("1", "2")
            reader.send("JAVACALLS.LOOKUP", "KEY", "shelf:a", "TEXT", "and", "KEY", "shelf:b") shouldBe listOf("1", "and", "2")
            reader.send("JAVACALLS.COUNTER", "GET", "shelf:b") shouldBe 2L
            reader.send("JAVACALLS.SUM", "2", "shelf:a", "shelf:b") shouldBe 3L

            val noKey = "NOPERM No permissions to access a key"
            reader.error("JAVACALLS.PUT", "shelf:a", "9") shouldBe noKey
            reader.error("JAVACALLS.COUNTER", "INCR", "shelf:a") shouldBe noKey
            reader.error("JAVACALLS.SUM", "1", "shelf:a", "INTO", "shelf:total") shouldBe noKey
            reader.error("JAVACALLS.PEEK", "other") shouldBe noKey
            reader.error("JAVACALLS.LOOKUP", "TEXT", "x", "KEY", "other") shouldBe noKey
        }
        server.call("GET", "shelf:a") shouldBe "1"
        server.call("ACL", "DELUSER", "reader")
    }

    test("getchannels-api: &news:* lets a user publish on news: channels only") {
        server.call("ACL", "SETUSER", "newsdesk", "reset", "on", "nopass", "+@javacalls", "resetchannels", "&news:*") shouldBe "OK"
        server.call("ACL", "DRYRUN", "newsdesk", "JAVACALLS.NOTIFY", "news:today", "hello") shouldBe "OK"
        server.call("ACL", "DRYRUN", "newsdesk", "JAVACALLS.NOTIFY", "sports:today", "hello") shouldBe
            "User newsdesk has no permissions to access the 'sports:today' channel"
        server.newClient().use { newsdesk ->
            newsdesk.auth("newsdesk", "any") shouldBe "OK"
            newsdesk.send("JAVACALLS.NOTIFY", "news:today", "hello") shouldBe 0L
            newsdesk.error("JAVACALLS.NOTIFY", "sports:today", "hello") shouldBe "NOPERM No permissions to access a channel"
        }
        server.call("ACL", "DELUSER", "newsdesk")
    }

    test("the module's ACL category: -@javacalls denies every command of the module, and one subcommand can be allowed alone") {
        server.call("ACL", "CAT") as List<*> shouldContain "javacalls"
        server.call("ACL", "SETUSER", "limited", "reset", "on", "nopass", "~*", "+@all", "-@javacalls", "+javacalls.counter|get") shouldBe "OK"
        server.call("ACL", "DRYRUN", "limited", "GET", "k") shouldBe "OK"
        server.call("ACL", "DRYRUN", "limited", "JAVACALLS.PEEK", "k") shouldBe "User limited has no permissions to run the 'javacalls.peek' command"
        server.call("ACL", "DRYRUN", "limited", "JAVACALLS.COUNTER", "GET", "k") shouldBe "OK"
        server.call("ACL", "DRYRUN", "limited", "JAVACALLS.COUNTER", "INCR", "k") shouldBe
            "User limited has no permissions to run the 'javacalls.counter|incr' command"
        server.call("ACL", "SETUSER", "readers", "reset", "on", "nopass", "~*", "+@read") shouldBe "OK"
        server.call("ACL", "DRYRUN", "readers", "JAVACALLS.PEEK", "k") shouldBe "OK"
        server.call("ACL", "DRYRUN", "readers", "JAVACALLS.PUT", "k", "v") shouldBe "User readers has no permissions to run the 'javacalls.put' command"
        server.call("ACL", "DELUSER", "limited", "readers")
    }
})
