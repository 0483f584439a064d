package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import redis.clients.jedis.Jedis
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.exceptions.JedisDataException

/** Commands that describe themselves (COMMAND INFO, DOCS, GETKEYS), subcommands, and ACL checks of users. */
class CommandMetadataSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.metadata)))

    fun Jedis.send(vararg args: String): Any? = decodeReply(sendCommand({ args[0].toByteArray() }, *args.drop(1).map { it.toByteArray() }.toTypedArray()))
    fun Jedis.error(vararg args: String): String = shouldThrow<JedisDataException> { send(*args) }.message.orEmpty()

    /** A reply map as RESP2 (alternating keys and values) or RESP3 (pairs) gives it. */
    fun map(reply: Any?): Map<Any?, Any?> = when {
        reply is Map<*, *> -> reply.toMap()
        reply is List<*> && reply.all { it is Pair<*, *> } -> reply.associate { (it as Pair<*, *>).first to it.second }
        else -> (reply as List<*>).chunked(2).associate { it[0] to it[1] }
    }

    fun deep(reply: Any?): Any? = when {
        reply is List<*> && reply.isNotEmpty() && (reply.all { it is Pair<*, *> }) -> map(reply).mapValues { deep(it.value) }
        reply is Map<*, *> -> reply.entries.associate { it.key to deep(it.value) }
        reply is List<*> -> reply.map(::deep)
        else -> reply
    }

    val copySpecsResp2 = listOf(
        listOf("notes", "the source is only read", "flags", listOf("RO", "access"),
            "begin_search", listOf("type", "index", "spec", listOf("index", 1L)),
            "find_keys", listOf("type", "range", "spec", listOf("lastkey", 0L, "keystep", 1L, "limit", 0L))),
        listOf("flags", listOf("OW", "update"),
            "begin_search", listOf("type", "index", "spec", listOf("index", 2L)),
            "find_keys", listOf("type", "range", "spec", listOf("lastkey", 0L, "keystep", 1L, "limit", 0L))),
        listOf("flags", listOf("RO", "access"),
            "begin_search", listOf("type", "keyword", "spec", listOf("keyword", "TAGS", "startfrom", 3L)),
            "find_keys", listOf("type", "range", "spec", listOf("lastkey", -1L, "keystep", 1L, "limit", 0L))),
    )

    test("COMMAND INFO shows arity, flags, tips and key specs, and the key range they make (RESP2)") {
        val info = (server.call("COMMAND", "INFO", "meta.copy") as List<*>)[0] as List<*>
        // A keyword spec makes its keys depend on the arguments: movablekeys.
        info.take(6) shouldBe listOf("meta.copy", -3L, listOf("write", "denyoom", "module", "movablekeys"), 1L, 2L, 1L)
        info[7] shouldBe listOf("nondeterministic_output", "request_policy:all_shards")
        info[8] shouldBe copySpecsResp2
    }

    test("COMMAND INFO in RESP3: the key specs as maps") {
        server.newClient(RedisProtocol.RESP3).use { client ->
            val info = (client.send("COMMAND", "INFO", "meta.copy") as List<*>)[0] as List<*>
            val specs = info[8] as List<*>
            deep(specs[0]) shouldBe mapOf(
                "notes" to "the source is only read", "flags" to setOf("RO", "access"),
                "begin_search" to mapOf("type" to "index", "spec" to mapOf("index" to 1L)),
                "find_keys" to mapOf("type" to "range", "spec" to mapOf("lastkey" to 0L, "keystep" to 1L, "limit" to 0L)),
            )
        }
    }

    test("COMMAND DOCS shows summary, since, complexity, history and the argument tree") {
        val docs = map(map(server.call("COMMAND", "DOCS", "meta.copy"))["meta.copy"])
        docs["summary"] shouldBe "Copies a string."
        docs["since"] shouldBe "1.2.0"
        docs["complexity"] shouldBe "O(N) where N is the value's length"
        docs["group"] shouldBe "module"
        docs["module"] shouldBe "meta"
        docs["history"] shouldBe listOf(listOf("1.1.0", "Added `TTL`."), listOf("1.2.0", "Added `TAGS`."))
        val args = (docs["arguments"] as List<*>).map { map(it) }
        args.map { it["name"] } shouldBe listOf("src", "dst", "replace", "seconds", "tagging")
        args[0] shouldBe mapOf("name" to "src", "type" to "key", "display_text" to "src", "key_spec_index" to 0L, "summary" to "the key to copy")
        args[1]["display_text"] shouldBe "destination"
        args[1]["key_spec_index"] shouldBe 1L
        args[2] shouldBe mapOf("name" to "replace", "type" to "pure-token", "display_text" to "replace", "token" to "REPLACE",
            "since" to "1.0.1", "flags" to listOf("optional"))
        args[3]["token"] shouldBe "TTL"
        args[3]["type"] shouldBe "integer"
        args[4]["deprecated_since"] shouldBe "1.3.0"
        args[4]["type"] shouldBe "block"
        val tagging = (args[4]["arguments"] as List<*>).map { map(it) }
        tagging[1]["flags"] shouldBe listOf("multiple")
        tagging[1]["key_spec_index"] shouldBe 2L
    }

    test("COMMAND GETKEYSANDFLAGS finds keys by the key specs, each with its flags") {
        server.call("COMMAND", "GETKEYSANDFLAGS", "meta.copy", "a", "b", "TAGS", "t1", "t2") shouldBe listOf(
            listOf("a", listOf("RO", "access")), listOf("b", listOf("OW", "update")),
            listOf("t1", listOf("RO", "access")), listOf("t2", listOf("RO", "access")),
        )
        // The module asks the server (GetCommandKeysWithFlags); the server knows flags for getkeys-api code and its own
        // commands, and finds a module command's keys by its key range without them.
        server.call("META.GETKEYS", "set", "k", "v") shouldBe listOf(listOf("k", "OW UPDATE"))
        server.call("META.GETKEYS", "meta.keysafter", "KEY", "a") shouldBe listOf(listOf("a", "ACCESS RO"))
        server.call("META.GETKEYS", "meta.copy", "a", "b") shouldBe listOf(listOf("a", ""), listOf("b", ""))
        server.errorReply("META.GETKEYS", "no.such.command", "x") shouldContain "unknown command 'no.such.command'"
        server.errorReply("META.GETKEYS", "get") shouldContain "wrong number of arguments"
    }

    test("a user with read-only keys (%R~) runs a read-only module command, not one without key specs") {
        server.call("SET", "s:x", "v")
        server.call("ACL", "SETUSER", "reader", "on", "nopass", "+@all", "%R~s:*") shouldBe "OK"
        server.newClient().use { client ->
            client.auth("reader", "x")
            client.send("META.PEEK", "s:x") shouldBe "v"
            client.error("META.LEGACYPEEK", "s:x") shouldStartWith "NOPERM"
            client.error("META.COPY", "s:x", "s:y") shouldStartWith "NOPERM"
            client.send("PING") shouldBe "PONG"
        }
        server.call("COMMAND", "GETKEYSANDFLAGS", "meta.legacypeek", "s:x") shouldBe listOf(listOf("s:x", listOf("RW", "access", "update")))
    }

    test("a container's subcommands: COMMAND INFO lists them, the server checks arity, ACL rules name them") {
        val info = (server.call("COMMAND", "INFO", "meta.box") as List<*>)[0] as List<*>
        info[1] shouldBe -2L
        val subs = (info[9] as List<*>).map { (it as List<*>)[0] }
        subs.toSet() shouldBe setOf("meta.box|put", "meta.box|name")
        server.call("META.BOX", "NAME") shouldBe "meta.box|name"
        server.call("META.BOX", "PUT", "box:1", "a") shouldBe 1L
        server.errorReply("META.BOX") shouldContain "wrong number of arguments for 'meta.box' command"
        server.errorReply("META.BOX", "PUT", "box:1") shouldContain "wrong number of arguments for 'meta.box|put' command"
        server.errorReply("META.BOX", "NOPE") shouldContain "unknown subcommand"
        server.call("COMMAND", "GETKEYSANDFLAGS", "meta.box", "put", "box:2", "x") shouldBe listOf(listOf("box:2", listOf("RW", "insert")))
        server.call("ACL", "SETUSER", "boxer", "on", "nopass", "~*", "+meta.box|name") shouldBe "OK"
        server.newClient().use { client ->
            client.auth("boxer", "x")
            client.send("META.BOX", "NAME") shouldBe "meta.box|name"
            client.error("META.BOX", "PUT", "box:1", "b") shouldStartWith "NOPERM"
        }
    }

    test("getkeys-api: the module's code finds the keys, with flags, for GETKEYS and ACLs") {
        server.call("COMMAND", "GETKEYS", "meta.keysafter", "x", "KEY", "a", "y", "key", "b") shouldBe listOf("a", "b")
        val info = (server.call("COMMAND", "INFO", "meta.keysafter") as List<*>)[0] as List<*>
        info[2] shouldBe listOf("module", "movablekeys")
        server.call("ACL", "SETUSER", "keyreader", "on", "nopass", "+@all", "%R~r:*") shouldBe "OK"
        server.call("ACL", "DRYRUN", "keyreader", "meta.keysafter", "KEY", "r:1") shouldBe "OK"
        (server.call("ACL", "DRYRUN", "keyreader", "meta.keysafter", "KEY", "w:1") as String) shouldContain "'w:1' key"
    }

    test("getchannels-api: ACL rules on channels cover the module's command") {
        server.call("ACL", "SETUSER", "pub", "on", "nopass", "+@all", "resetchannels", "&news") shouldBe "OK"
        server.call("ACL", "DRYRUN", "pub", "meta.publish", "news", "hi") shouldBe "OK"
        (server.call("ACL", "DRYRUN", "pub", "meta.publish", "gossip", "hi") as String) shouldContain "'gossip' channel"
        server.newClient().use { client ->
            client.auth("pub", "x")
            client.send("META.PUBLISH", "news", "hi") shouldBe 0L
            client.error("META.PUBLISH", "gossip", "hi") shouldStartWith "NOPERM"
        }
    }

    test("ACL checks of a user: command, key, channel; ACL LOG entries; an unknown user is a clear error") {
        server.call("ACL", "SETUSER", "checked", "on", "nopass", "+get", "%R~r:*", "~rw:*", "resetchannels", "&ch") shouldBe "OK"
        server.call("META.CAN", "checked", "COMMAND", "get", "r:1") shouldBe 1L
        server.call("META.CAN", "checked", "COMMAND", "set", "r:1", "v") shouldBe 0L
        server.call("META.CAN", "checked", "KEY", "r:1", "R") shouldBe 1L
        server.call("META.CAN", "checked", "KEY", "r:1", "W") shouldBe 0L
        server.call("META.CAN", "checked", "KEY", "rw:1", "W") shouldBe 1L
        server.call("META.CAN", "checked", "CHANNEL", "ch") shouldBe 1L
        server.call("META.CAN", "checked", "CHANNEL", "other") shouldBe 0L
        server.errorReply("META.CAN", "nobody", "KEY", "k", "R") shouldContain "no ACL user 'nobody'"
        server.call("ACL", "LOG", "RESET") shouldBe "OK"
        server.call("META.DENY", "checked", "secret:1") shouldBe "OK"
        val entry = map((server.call("ACL", "LOG") as List<*>)[0])
        entry["username"] shouldBe "checked"
        entry["context"] shouldBe "module"
        entry["object"] shouldBe "secret:1"
        entry["reason"] shouldBe "key"
        server.call("PING") shouldBe "PONG"
    }

    test("checks that need Valkey 9.1 are a clear error on an older server") {
        val version = map(server.call("HELLO")).getValue("version") as String
        if (version.substringBefore('.').toInt() < 9) {
            server.errorReply("META.CAN", "checked", "PREFIX", "r:", "R") shouldContain "ACLCheckKeyPrefixPermissions"
            server.errorReply("META.CAN", "checked", "CHECK", "0", "get", "r:1") shouldContain "ACLCheckPermissions"
        }
        server.call("PING") shouldBe "PONG"
    }

    test("a bad declaration fails the load with a line naming the command and what is wrong") {
        server.moduleLoad(Modules.metadataBad).shouldNotBeNull()
        server.log() shouldContain "command 'metabad.get': key spec 0"
        server.log() shouldContain "exactly one of the flags RO, RW, OW, RM"
        server.modules().keys shouldContain "meta"
        server.call("PING") shouldBe "PONG"
    }
})
