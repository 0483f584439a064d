package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig

/** Keyspace notifications and server events reach the module's handlers, with their data. */
class EventSpec : FunSpec({
    timeout = 120_000

    @Suppress("UNCHECKED_CAST")
    fun ValkeyServer.seen(command: String): List<String> = call(command) as List<String>

    test("keyspace notifications: class, event and binary-safe key; writes deferred to after the notifications replicate") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { primary ->
            ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { replica ->
                replica.replicaOf(primary)
                primary.seen("EVT.KEYSPACE") // what the replication set-up caused
                primary.call("SET", "plain", "v") shouldBe "OK"
                primary.call("DEL", "plain") shouldBe 1L
                primary.client.set(byteArrayOf('b'.code.toByte(), 0, 'k'.code.toByte()), "v".toByteArray())
                primary.call("RPUSH", "list", "x") shouldBe 1L // a list event: not subscribed
                primary.seen("EVT.KEYSPACE") shouldBe listOf("string set plain", "generic del plain", "string set b\u0000k")

                primary.call("SET", "count:1", "a") shouldBe "OK"
                primary.call("SET", "count:2", "b") shouldBe "OK"
                primary.call("GET", "sets-seen") shouldBe "2"
                primary.call("WAIT", "1", "5000") shouldBe 1L
                replica.call("GET", "sets-seen") shouldBe "2"

                primary.call("EVT.EMIT", "k") shouldBe "OK"
                primary.seen("EVT.KEYSPACE") shouldContain "module evt.touched k"
            }
        }
    }

    test("a keyspace handler can block the client whose command caused it (9.1): a second reply after the command's own; none in MULTI") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            val (major, minor) = server.info("server", "valkey_version").split('.').map { it.toInt() }
            if (major < 9 || major == 9 && minor < 1) {
                // The C API's server crashes here (verified on 8.0.1); the SDK refuses instead, and the server serves on.
                server.seen("EVT.KEYSPACE")
                server.call("SET", "block:a", "v") shouldBe "OK"
                server.seen("EVT.KEYSPACE") shouldContain
                    "refused: blocking a client from a keyspace notification needs Valkey 9.1 or later (8.0 crashes on it)"
                server.call("PING") shouldBe "PONG"
                return@use
            }
            RawResp(server.host, server.port, 2).use { raw ->
                raw.exchange("SET", "block:a", "v") shouldBe "+OK\r\n+late block:a\r\n"
                // (exchange's end marker is sent after EXEC: inside MULTI it would be queued too.)
                raw.sendOnly("MULTI")
                raw.sendOnly("SET", "block:b", "v")
                raw.exchange("EXEC") shouldBe "+OK\r\n+QUEUED\r\n*1\r\n+OK\r\n"
            }
            server.call("GET", "block:b") shouldBe "v"
        }
    }

    test("server events subscribed at run time: handlers come and go beside the declared ones; an event the server lacks is refused") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            server.seen("EVT.SERVER")
            server.call("EVT.WATCH", "flush") shouldBe "OK"
            server.call("EVT.WATCH", "loop") shouldBe "OK"
            server.call("FLUSHALL", "SYNC") shouldBe "OK"
            server.seen("EVT.SERVER") shouldBe
                listOf("flush start db=-1 sync=true", "watched flush start", "flush end db=-1 sync=true", "watched flush end")
            awaitUntil("the event loop turns") { (server.call("EVT.LOOPTURNS") as Long) > 0 }

            server.call("EVT.UNWATCH") shouldBe 2L
            val turns = server.call("EVT.LOOPTURNS") as Long
            server.call("FLUSHALL", "SYNC") shouldBe "OK"
            repeat(20) { server.call("PING") }
            // The declared flush handler stays; the watched ones are gone.
            server.seen("EVT.SERVER") shouldBe listOf("flush start db=-1 sync=true", "flush end db=-1 sync=true")
            server.call("EVT.LOOPTURNS") shouldBe turns
            server.call("EVT.UNWATCH") shouldBe 0L

            val (major, minor) = server.info("server", "valkey_version").split('.').map { it.toInt() }
            if (major < 9 || major == 9 && minor < 1) {
                server.errorReply("EVT.WATCH", "commands") shouldBe
                    "ERR this server does not have the command result event (it needs Valkey 9.1 or later)"
            } else {
                server.call("EVT.WATCH", "commands") shouldBe "OK"
                server.call("PING") shouldBe "PONG"
                server.call("EVT.UNWATCH") shouldBe 1L
                server.seen("EVT.SERVER") shouldContain "watched ping"
            }
        }
    }

    test("server events arrive with their data: flush, clients, configs, keys, modules, persistence, fork, swapdb, cron") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            val seen = mutableListOf<String>()
            fun awaitSeen(what: String, done: (List<String>) -> Boolean) = awaitUntil(what) { seen += server.seen("EVT.SERVER"); done(seen) }
            server.call("SET", "gone", "1") shouldBe "OK"
            server.call("DEL", "gone") shouldBe 1L
            server.call("RPUSH", "list", "a", "b", "c") shouldBe 3L
            server.call("PEXPIREAT", "list", "4102444800000") shouldBe 1L
            server.call("DEL", "list") shouldBe 1L
            server.call("SET", "str", "abc") shouldBe "OK"
            server.call("SET", "str", "x") shouldBe "OK"
            server.call("FLUSHALL", "SYNC") shouldBe "OK"
            server.call("CONFIG", "SET", "maxmemory-samples", "7") shouldBe "OK"
            server.call("SWAPDB", "0", "1") shouldBe "OK"
            server.moduleLoad(Modules.lifecycle) shouldBe null
            server.call("MODULE", "UNLOAD", "lifecycle") shouldBe "OK"
            server.call("SAVE") shouldBe "OK"
            // A background save fires its persistence events in the fork child, where no JVM code runs: the
            // module sees the child's birth and death.
            server.call("BGSAVE") as String shouldContain "started"
            awaitSeen("the background save's child died") { "fork died" in it }
            seen shouldContainAll listOf(
                // The handler sees the old value's type, length and expiry, and can still open it.
                "key deleted gone string 1 -1", "opened gone 1", "key deleted list list 3 4102444800000", "opened list 3",
                "key overwritten str string 3 -1", "opened str 3", "flush start db=-1 sync=true", "flush end db=-1 sync=true", "config maxmemory-samples",
                "swapdb 0 1", "module loaded lifecycle v1", "module unloaded lifecycle v1",
                "persistence sync_rdb_started", "persistence ended", "fork born",
            )
            seen.filter { it.startsWith("persistence") } shouldBe listOf("persistence sync_rdb_started", "persistence ended")
            server.newClient().use { it.ping() }
            awaitSeen("a client connected and disconnected") { s ->
                s.any { it.startsWith("client connected") } && s.any { it.startsWith("client disconnected") }
            }
            (server.call("EVT.CRON") as Long) shouldBeGreaterThan 0L
        }
    }

    test("command filters rewrite commands before they run; a noSelf filter does not see the module's own calls") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            server.call("SET", "k", "v") shouldBe "OK"
            server.call("EVT.ALIAS", "k") shouldBe "v"
            server.call("EVT.APPENDX", "k") shouldBe 2L
            server.call("GET", "k") shouldBe "vx"
            server.call("INCR", "n") shouldBe 1L
            server.call("EVT.INCR", "n") shouldBe 2L
            server.call("EVT.INCRS") shouldBe listOf(2L, 1L)
        }
    }

    test("each keyspace handler is its own subscriber: not told of its own writes, the module's others are; key-miss, new and loaded keys") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.keyspace) }).use { server ->
            server.seen("KSX.SEEN")
            server.call("SET", "nest:a", "1") shouldBe "OK"
            val seen = server.seen("KSX.SEEN")
            seen.filter { it.startsWith("writer") } shouldBe listOf("writer set nest:a")
            // The reader is told of the writer's nested SET first, inside the writer's handler, and reads both values.
            seen.filter { it.startsWith("reader") } shouldBe listOf("reader set nested:a 1", "reader set nest:a 1")
            seen.filter { it.startsWith("new") } shouldBe listOf("new new nest:a", "new new nested:a")
            server.call("GET", "nested:a") shouldBe "1"

            val misses = server.info("stats", "keyspace_misses").toLong()
            server.call("GET", "missing") shouldBe null
            server.seen("KSX.SEEN") shouldBe listOf("key_miss keymiss missing")
            server.info("stats", "keyspace_misses").toLong() shouldBe misses + 1
            // A key opened with NO_STATS and NO_NOTIFY leaves no trace of its miss.
            server.call("KSX.PEEK", "missing") shouldBe 0L
            server.seen("KSX.SEEN") shouldBe emptyList()
            server.info("stats", "keyspace_misses").toLong() shouldBe misses + 1

            server.call("DEBUG", "RELOAD") shouldBe "OK"
            server.seen("KSX.SEEN") shouldContainAll listOf("loaded loaded nest:a", "loaded loaded nested:a")
        }
    }

    test("with ALLOW_NESTED_KEYSPACE_NOTIFICATIONS a handler is told of its own writes; with NO_IMPLICIT_SIGNAL_MODIFIED the module signals") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.nestedKeyspace) }).use { server ->
            server.call("SET", "chain:chain:x", "1") shouldBe "OK"
            server.call("MGET", "chain:x", "x") shouldBe listOf("1", "1")

            fun watchedWriteSurvives(write: () -> Unit): Boolean = server.newClient().use { watcher ->
                watcher.watch("w")
                write()
                val transaction = watcher.multi()
                transaction.set("w", "from-transaction")
                transaction.exec() != null
            }
            watchedWriteSurvives { server.call("KSNEST.QUIETSET", "w", "quiet") shouldBe "OK" } shouldBe true
            watchedWriteSurvives {
                server.call("KSNEST.QUIETSET", "w", "quiet") shouldBe "OK"
                server.call("KSNEST.SIGNAL", "w") shouldBe "OK"
            } shouldBe false
            server.call("GET", "w") shouldBe "quiet"
        }
    }

    test("writes caused by events: key-event jobs replicate after their cause, a read-only replica refuses them; call flags and replicate choose what replicates") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.keyspace) }).use { primary ->
            ValkeyServer.start(valkeyServerConfig { module(Modules.keyspace) }).use { replica ->
                replica.replicaOf(primary)
                primary.call("SET", "doomed:1", "x") shouldBe "OK"
                primary.call("DEL", "doomed:1") shouldBe 1L
                primary.call("LRANGE", "graveyard", "0", "-1") shouldBe listOf("doomed:1")
                primary.call("KSX.LOCALINCR", "local") shouldBe 1L
                primary.call("KSX.TELLREPLICAS", "told", "v") shouldBe "OK"
                primary.call("EXISTS", "told") shouldBe 0L
                primary.call("WAIT", "1", "5000") shouldBe 1L
                replica.call("LRANGE", "graveyard", "0", "-1") shouldBe listOf("doomed:1")
                replica.call("EXISTS", "local") shouldBe 0L
                replica.call("GET", "told") shouldBe "v"
                // The replica's own key event for doomed:1 could not queue a write: the primary's job came in the stream.
                replica.call("KSX.REFUSED") shouldBe 1L
                primary.call("KSX.REFUSED") shouldBe 0L
            }
        }
    }

    test("context flags, dry runs, refused writes, the cached time, and strings and expiry through keys") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.keyspace) }).use { server ->
            @Suppress("UNCHECKED_CAST")
            val flags = server.call("KSX.FLAGS") as List<String>
            flags shouldContain "PRIMARY"
            flags shouldNotContain "MULTI"
            @Suppress("UNCHECKED_CAST")
            (server.call("EVAL", "return server.call('KSX.FLAGS')", "0") as List<String>) shouldContain "LUA"
            server.newClient().use { client ->
                val transaction = client.multi()
                transaction.sendCommand({ "KSX.FLAGS".toByteArray() }, *emptyArray<ByteArray>())
                (transaction.exec()[0] as List<*>).map { String(it as ByteArray) } shouldContain "MULTI"
            }

            server.call("KSX.DRYSET", "dry") shouldBe null
            server.call("EXISTS", "dry") shouldBe 0L
            server.errorReply("KSX.READONLYSET", "ro") shouldContain "Write command"
            server.call("EXISTS", "ro") shouldBe 0L

            server.call("SET", "timed", "1") shouldBe "OK"
            server.call("KSX.DEL", "timed") shouldBe listOf(1L, 1L)

            server.call("KSX.SETSTR", "s", "b\u0000ytes", "100000") shouldBe "OK"
            @Suppress("UNCHECKED_CAST")
            val read = server.call("KSX.GETSTR", "s") as List<Any?>
            read[0] shouldBe "b\u0000ytes"
            (read[1] as Long) shouldBeGreaterThan 90_000L
            (read[2] as Long) shouldBeGreaterThan System.currentTimeMillis()
            server.call("PTTL", "s") as Long shouldBeGreaterThan 90_000L
            server.call("KSX.PERSIST", "s") shouldBe "OK"
            server.call("KSX.GETSTR", "s") shouldBe listOf("b\u0000ytes", -1L, -1L)
            server.call("KSX.GETSTR", "none") shouldBe listOf(null, -1L, -1L)
            // A time to live whose end would overflow the server's clock is refused; the key keeps none.
            server.errorReply("KSX.SETSTR", "s", "v", "9223372036854775000") shouldBe
                "ERR a time to live of 9223372036854775000 ms ends past the last time the server can keep"
            server.call("KSX.GETSTR", "s") shouldBe listOf("v", -1L, -1L)
            server.call("RPUSH", "l", "x") shouldBe 1L
            server.errorReply("KSX.GETSTR", "l") shouldContain "WRONGTYPE"

            server.call("CONFIG", "SET", "notify-keyspace-events", "Kgx") shouldBe "OK"
            server.call("KSX.NOTIFYCONFIG") shouldBe listOf("GENERIC", "EXPIRED")
        }
    }

    test("a module option the server lacks fails the load, naming the version it needs") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            val version = server.info("server", "valkey_version").split('.').map { it.toInt() }
            if (version[0] < 8 || (version[0] == 8 && version[1] < 1)) {
                server.moduleLoad(Modules.newOption).shouldNotBeNull()
                server.log() shouldContain "module 'optnew' asks for option SKIP_COMMAND_VALIDATION, which this server does not have (it needs Valkey 8.1 or later)"
                server.call("PING") shouldBe "PONG"
            } else {
                server.moduleLoad(Modules.newOption) shouldBe null
            }
        }
    }

    test("subscribing to an event the server lacks fails the load, naming the version it needs") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            val version = server.info("server", "valkey_version")
            if (version.substringBefore('.').toInt() < 9) {
                server.moduleLoad(Modules.newEvents).shouldNotBeNull()
                server.log() shouldContain "module 'evtnew' subscribes to the authentication attempt event, which this server does not have (it needs Valkey 9.0 or later)"
                server.call("PING") shouldBe "PONG"
            } else {
                server.moduleLoad(Modules.newEvents) shouldBe null
            }
        }
    }
})
