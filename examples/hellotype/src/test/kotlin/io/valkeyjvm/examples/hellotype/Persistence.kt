package io.valkeyjvm.examples.hellotype

import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path

val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target")).toAbsolutePath()
val helloTypeModule: Path = moduleDir.resolve("hellotype.so")

/** A server with hellotype loaded, in [dir] when given (to load what an earlier server saved there). */
fun startHelloType(dir: Path? = null, vararg directives: Pair<String, String>): ValkeyServer =
    ValkeyServer.start(valkeyServerConfig {
        module(helloTypeModule)
        if (dir != null) config("dir", dir.toString())
        directives.forEach { (name, value) -> config(name, value) }
    })

fun ValkeyServer.call(vararg args: String): Any? = decodeReply(command(*args))

/** Fills [keys] lists of varied lengths (some empty-ish, some long, negative and huge numbers); returns what each holds. */
fun ValkeyServer.fill(keys: Int, prefix: String = "list"): Map<String, List<Long>> {
    val expected = mutableMapOf<String, List<Long>>()
    for (k in 0 until keys) {
        val name = "$prefix:$k"
        val values = (0 until (k % 7) * 5 + 1).map { i -> (i * 7919L * (k + 1)) % 100_003 - 50_000 } +
            if (k % 3 == 0) listOf(Long.MIN_VALUE, Long.MAX_VALUE) else emptyList()
        values.forEach { call("HELLOTYPE.INSERT", name, it.toString()) }
        expected[name] = values.sorted()
    }
    return expected
}

/** What each key holds now. */
fun ValkeyServer.contents(keys: Collection<String>): Map<String, List<Long>> =
    keys.associateWith { (call("HELLOTYPE.RANGE", it, "0", "1000000") as List<*>).map { v -> v as Long } }

fun ValkeyServer.digests(keys: Collection<String>): Map<String, Any?> =
    keys.associateWith { call("DEBUG", "DIGEST-VALUE", it) }

fun ValkeyServer.infoField(section: String, field: String): String =
    (call("INFO", section) as String).lineSequence().first { it.startsWith("$field:") }.substringAfter(':').trim()

/** Waits (bounded) until no background save or rewrite runs, and checks the last one succeeded. */
fun ValkeyServer.awaitBackgroundWork(timeoutMillis: Long = 20_000) {
    val deadline = System.currentTimeMillis() + timeoutMillis
    while (true) {
        val busy = infoField("persistence", "rdb_bgsave_in_progress") != "0" ||
            infoField("persistence", "aof_rewrite_in_progress") != "0" ||
            infoField("persistence", "aof_rewrite_scheduled") != "0"
        if (!busy) break
        check(System.currentTimeMillis() < deadline) { "background save/rewrite still running after $timeoutMillis ms" }
        Thread.sleep(20)
    }
    infoField("persistence", "rdb_last_bgsave_status") shouldBe "ok"
    infoField("persistence", "aof_last_bgrewrite_status") shouldBe "ok"
}
