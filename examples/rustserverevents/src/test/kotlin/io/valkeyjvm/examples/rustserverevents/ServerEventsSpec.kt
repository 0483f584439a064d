package io.valkeyjvm.examples.rustserverevents

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val module = ValkeyModuleLoad(moduleDir.resolve("rustserverevents.so"))

/** A primary that starts a replica's full sync at once, rather than after the default 5 s wait for more replicas. */
private val NO_SYNC_DELAY = "repl-diskless-sync-delay" to "0"

private fun startWithModule(vararg config: Pair<String, String>): ValkeyServer =
    ValkeyServer.start(valkeyServerConfig { module(module); config(*config) })

private fun ValkeyServer.count(command: String): Long = call(command) as Long

/** Waits until [command] answers [expected]; more than that fails at once (tests/utils wait_for_event_count). */
private fun ValkeyServer.awaitCount(command: String, expected: Long) {
    awaitUntil("$command to reach $expected") {
        val actual = count(command)
        check(actual <= expected) { "$command is $actual, past the $expected expected" }
        actual == expected
    }
}

/** Waits until the primary link is [up] with at least [events] link events (tests/utils wait_for_master_link_state). */
private fun ValkeyServer.awaitPrimaryLink(up: Boolean, events: Long) {
    awaitUntil("the primary link to be ${if (up) "up" else "down"} after $events events") {
        count("is_master_link_up") == (if (up) 1L else 0L) && count("num_master_link_change_events") >= events
    }
}

/** Ports of tests/integration.rs test_server_event and the tests after it that load server_events. */
class ServerEventsSpec : FunSpec({
    timeout = 180_000
    val server = install(valkeyServer(module))

    test("event loop, flushes, maxmemory changes, crons, key events and a save's persistence events are counted") {
        val beforeSleeps = server.count("num_event_loop_before_sleep")
        val afterSleeps = server.count("num_event_loop_after_sleep")
        awaitUntil("the event loop to go to sleep again") { server.count("num_event_loop_before_sleep") > beforeSleeps }
        awaitUntil("the event loop to wake up again") { server.count("num_event_loop_after_sleep") > afterSleeps }

        server.call("FLUSHALL") shouldBe "OK"
        server.count("num_flushed") shouldBe 1L
        server.call("FLUSHALL") shouldBe "OK"
        server.count("num_flushed") shouldBe 2L

        server.call("CONFIG", "SET", "maxmemory", "1") shouldBe "OK"
        server.count("num_max_memory_changes") shouldBe 1L
        server.call("CONFIG", "SET", "maxmemory", "0") shouldBe "OK"
        server.count("num_max_memory_changes") shouldBe 2L

        server.count("num_crons") shouldBeGreaterThan 0L

        server.call("SET", "key", "value")
        server.call("SET", "key", "new_value")
        server.call("DEL", "key")
        server.count("num_key_events") shouldBe 2L // overwritten, deleted
        server.log() shouldContain "<srv_events> Key overwritten"
        server.log() shouldContain "<srv_events> Key deleted"

        // Where the Rust test runs BGSAVE and reads "RdbStart": a background save's events fire in its fork child (ServerEvents.kt).
        val persistenceLog = server.dir.resolve("persistence_log.txt")
        Files.deleteIfExists(persistenceLog)
        server.call("SAVE") shouldBe "OK"
        Files.readAllLines(persistenceLog) shouldBe listOf("SyncRdbStart", "Ended")
        server.count("num_persistence_events") shouldBe 2L
        server.log() shouldContain "<srv_events> Sync RDB persistence started"
    }

    test("loading an RDB reports its progress") {
        server.call("CONFIG", "SET", "loading-process-events-interval-bytes", "1024") shouldBe "OK"
        repeat(200) { server.call("SET", "k$it", "v".repeat(100)) }
        val before = server.count("num_loading_progress_rdb")
        server.call("DEBUG", "RELOAD") shouldBe "OK"
        server.count("num_loading_progress_rdb") shouldBeGreaterThan before
        server.count("num_loading_progress_aof") shouldBe 0L
        server.log() shouldContain "<srv_events> Loading progress Rdb: hz=10, progress="
    }

    test("clients connecting and disconnecting are counted") {
        // A client of an earlier test may still be going away: wait until the count matches the clients there are.
        fun clients() = (server.call("CLIENT", "LIST") as String).lines().count { it.isNotBlank() }.toLong()
        awaitUntil("num_connects to match CLIENT LIST") { server.count("num_connects") == clients() }
        val connected = clients()
        val other = server.newClient()
        other.ping()
        server.awaitCount("num_connects", connected + 1)
        other.close()
        // Down from above: the count is past its target until the server sees the disconnect.
        awaitUntil("num_connects back to $connected") { server.count("num_connects") == connected }
    }

    test("a background save's fork child is born and dies") {
        val before = server.count("num_fork_child_events")
        server.call("BGSAVE")
        server.awaitCount("num_fork_child_events", before + 2)
        server.log() shouldContain "<srv_events> Fork child born"
        server.log() shouldContain "<srv_events> Fork child died"
    }

    test("SWAPDB is counted") {
        val before = server.count("num_swapdb_events")
        server.call("SWAPDB", "0", "1") shouldBe "OK"
        server.count("num_swapdb_events") shouldBe before + 1
        server.call("SWAPDB", "1", "2") shouldBe "OK"
        server.count("num_swapdb_events") shouldBe before + 2
    }

    test("the shutdown event writes shutdown_log.txt in the server's directory") {
        val doomed = startWithModule()
        doomed.use {
            runCatching { doomed.command("SHUTDOWN", "NOSAVE") } // the server closes the connection instead of replying
            doomed.awaitExit(10.seconds) shouldBe 0
            Files.readString(doomed.dir.resolve("shutdown_log.txt")) shouldContain "Server shutdown callback event ..."
            doomed.log() shouldContain "<srv_events> Sever shutdown callback event ..."
        }
    }

    test("a replica's link to its primary goes up, then down when the primary shuts down") {
        startWithModule(NO_SYNC_DELAY).use { primary ->
            startWithModule().use { replica ->
                replica.call("REPLICAOF", primary.host, primary.port.toString()) shouldBe "OK"
                replica.awaitPrimaryLink(up = true, events = 1)
                primary.stop()
                replica.awaitPrimaryLink(up = false, events = 2)
                replica.log() shouldContain "<srv_events> Master link status down"
            }
        }
    }

    test("a primary counts its replica coming online and going offline") {
        startWithModule(NO_SYNC_DELAY).use { primary ->
            startWithModule().use { replica ->
                replica.call("REPLICAOF", primary.host, primary.port.toString()) shouldBe "OK"
                primary.awaitCount("num_replica_change_events", 1)
                replica.call("REPLICAOF", "NO", "ONE") shouldBe "OK"
                primary.awaitCount("num_replica_change_events", 2)
            }
        }
    }

    test("with repl-diskless-load swapdb, a replica loads its primary's data asynchronously: started, then completed") {
        startWithModule("repl-diskless-load" to "swapdb", NO_SYNC_DELAY).use { primary ->
            startWithModule("repl-diskless-load" to "swapdb").use { replica ->
                primary.call("SET", "k", "v")
                replica.call("REPLICAOF", primary.host, primary.port.toString()) shouldBe "OK"
                replica.awaitCount("num_repl_async_load_events", 2)
                replica.log() shouldContain "<srv_events> Repl async load completed"
                replica.awaitInSyncWith(primary)
                replica.call("GET", "k") shouldBe "v"
            }
        }
    }
})
