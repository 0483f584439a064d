package io.valkeyjvm.examples.hellotype

import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyServer
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
