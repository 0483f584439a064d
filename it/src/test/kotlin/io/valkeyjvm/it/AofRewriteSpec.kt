package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

/** A server with [module] loaded, in [dir] when given, with extra config [directives]. */
internal fun startWith(module: Path, dir: Path? = null, vararg directives: Pair<String, String>, moduleArgs: List<String> = emptyList()): ValkeyServer =
    ValkeyServer.start(valkeyServerConfig {
        module(module, *moduleArgs.toTypedArray())
        if (dir != null) config("dir", dir.toString())
        config(*directives)
    })

/** Kills the server with SIGKILL (nothing saved at exit) and waits for it to go. */
internal fun ValkeyServer.crash() {
    signal("KILL")
    awaitExit(10.seconds) shouldNotBe null
}

/** What a user compares before and after: the key count and the whole dataset's digest. */
internal fun ValkeyServer.fingerprint(): Pair<Any?, Any?> = call("DBSIZE") to call("DEBUG", "DIGEST")

internal fun ValkeyServer.shouldHaveNoCrashReport() {
    log() shouldNotContain "BUG REPORT"
    log() shouldNotContain "crashed by signal"
}

/**
 * An AOF rewrite without the RDB preamble calls each type's aof_rewrite; a type that declares no
 * aofRewrite is written as RESTORE commands carrying the value's saved form, so the AOF keeps it.
 */
class AofRewriteSpec : FunSpec({
    timeout = 120_000
    val aofOnly = arrayOf("aof-use-rdb-preamble" to "no", "appendfsync" to "always")

    test("turning AOF on with a type that has no aofRewrite keeps every value through kill -9 and a restart") {
        val first = startWith(Modules.alloc, null, *aofOnly)
        val before = first.use { server ->
            server.call("ALLOC.SET", "small", "10")
            server.call("ALLOC.SET", "empty", "0")
            server.call("ALLOC.SET", "large", "70000")
            server.call("ALLOC.SET", "expiring", "5")
            server.call("EXPIRE", "expiring", "1000")
            server.call("SET", "plain", "string")
            server.call("CONFIG", "SET", "appendonly", "yes") shouldBe "OK"
            server.awaitBackgroundWork()
            server.info("persistence", "aof_enabled") shouldBe "1"
            // After the rewrite: reaches the file through the AOF's incremental part.
            server.call("ALLOC.SET", "after", "7")
            server.call("ALLOC.SET", "small", "3")
            val fingerprint = server.fingerprint()
            server.crash()
            server.shouldHaveNoCrashReport()
            fingerprint
        }
        before.first shouldBe 6L
        startWith(Modules.alloc, first.dir, "appendonly" to "yes").use { server ->
            server.fingerprint() shouldBe before
            server.call("ALLOC.GET", "small") shouldBe "BBB"
            server.call("ALLOC.GET", "empty") shouldBe ""
            (server.call("ALLOC.GET", "large") as String).length shouldBe 70000
            (server.call("TTL", "expiring") as Long) shouldNotBe -1L
            server.shouldHaveNoCrashReport()
        }
    }

    test("every kind of save record survives BGREWRITEAOF as RESTORE, binary bytes included") {
        val first = startWith(Modules.fixture, null, "appendonly" to "yes", *aofOnly)
        val before = first.use { server ->
            server.awaitBackgroundWork()
            for (seed in 1..20) server.call("FIXTURE.RECSET", "records:$seed", seed.toString())
            server.call("FIXTURE.TSET", "blob", "100000", "3")
            server.call("BGREWRITEAOF")
            server.awaitBackgroundWork()
            val texts = (1..20).associateWith { server.call("FIXTURE.RECGET", "records:$it") }
            val fingerprint = server.fingerprint()
            server.crash()
            texts to fingerprint
        }
        startWith(Modules.fixture, first.dir, "appendonly" to "yes").use { server ->
            server.fingerprint() shouldBe before.second
            (1..20).associateWith { server.call("FIXTURE.RECGET", "records:$it") } shouldBe before.first
            server.shouldHaveNoCrashReport()
        }
    }

    test("every kind of save record, at each edge of the RDB's length forms, survives DUMP and RESTORE, BGSAVE and a restart") {
        val first = startWith(Modules.fixture)
        val before = first.use { server ->
            for (seed in 1..20) server.call("FIXTURE.RECSET", "records:$seed", seed.toString())
            val dumped = server.client.dump("records:7")
            server.client.restore("copy:7", 0, dumped) shouldBe "OK"
            server.call("FIXTURE.RECGET", "copy:7") shouldBe server.call("FIXTURE.RECGET", "records:7")
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
            (1..20).associateWith { server.call("FIXTURE.RECGET", "records:$it") } to server.fingerprint()
        }
        startWith(Modules.fixture, first.dir).use { server ->
            server.fingerprint() shouldBe before.second
            (1..20).associateWith { server.call("FIXTURE.RECGET", "records:$it") } shouldBe before.first
            server.shouldHaveNoCrashReport()
        }
    }

    test("values whose saved form sits around the 20 bytes a native value holds itself save whole, also after crossing it") {
        val first = startWith(Modules.fixture, null, "appendonly" to "yes", *aofOnly)
        val before = first.use { server ->
            server.awaitBackgroundWork()
            // A blob's saved form is 2 bytes of header and its bytes: 15 to 22 bytes here.
            for (size in 13..20) server.call("FIXTURE.TSET", "edge:$size", size.toString(), size.toString())
            server.call("FIXTURE.TSET", "grows", "18", "1")
            server.call("FIXTURE.TSET", "shrinks", "300", "2")
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.call("FIXTURE.TSET", "grows", "300", "3")
            server.call("FIXTURE.TSET", "shrinks", "18", "4")
            server.client.restore("copy:19", 0, server.client.dump("edge:19")) shouldBe "OK"
            server.call("FIXTURE.TGET", "copy:19") shouldBe server.call("FIXTURE.TGET", "edge:19")
            server.call("BGREWRITEAOF")
            server.awaitBackgroundWork()
            val keys = (13..20).map { "edge:$it" } + listOf("grows", "shrinks", "copy:19")
            keys.associateWith { server.call("FIXTURE.TGET", it) } to server.fingerprint()
        }
        startWith(Modules.fixture, first.dir, "appendonly" to "yes").use { server ->
            server.fingerprint() shouldBe before.second
            before.first.keys.associateWith { server.call("FIXTURE.TGET", it) } shouldBe before.first
            server.shouldHaveNoCrashReport()
        }
    }

    test("a value whose save fails fails the AOF rewrite cleanly; once it saves again, a rewrite keeps it") {
        val first = startWith(Modules.fixture, null, *aofOnly)
        val before = first.use { server ->
            // Poisoned first: a value's save is recorded soon after it is written, in a slice on the main thread.
            server.call("FIXTURE.POISON", "on")
            server.call("FIXTURE.TSET", "blob", "10", "1")
            server.call("CONFIG", "SET", "appendonly", "yes")
            awaitUntil("the rewrite to fail") { server.info("persistence", "aof_last_bgrewrite_status") == "err" }
            server.call("PING") shouldBe "PONG"
            server.call("FIXTURE.POISON", "off")
            awaitUntil("a rewrite that succeeds") {
                val persistence = server.info("persistence")
                val idle = persistence["aof_rewrite_in_progress"] == "0" && persistence["aof_rewrite_scheduled"] == "0"
                if (idle && persistence["aof_last_bgrewrite_status"] == "err") runCatching { server.command("BGREWRITEAOF") }
                idle && persistence["aof_last_bgrewrite_status"] == "ok"
            }
            val fingerprint = server.fingerprint()
            server.crash()
            server.shouldHaveNoCrashReport()
            fingerprint
        }
        startWith(Modules.fixture, first.dir, "appendonly" to "yes").use { server ->
            server.fingerprint() shouldBe before
        }
    }
})
