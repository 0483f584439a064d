package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
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

    test("server events arrive with their data: flush, clients, configs, keys, modules, persistence, fork, swapdb, cron") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.events) }).use { server ->
            val seen = mutableListOf<String>()
            fun awaitSeen(what: String, done: (List<String>) -> Boolean) = awaitUntil(what) { seen += server.seen("EVT.SERVER"); done(seen) }
            server.call("SET", "gone", "1") shouldBe "OK"
            server.call("DEL", "gone") shouldBe 1L
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
                "key deleted gone", "flush start db=-1 sync=true", "flush end db=-1 sync=true", "config maxmemory-samples",
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
