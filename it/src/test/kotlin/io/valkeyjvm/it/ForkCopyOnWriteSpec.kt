package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import java.nio.file.Files

/**
 * The JVM heap is kept out of fork children (MADV_DONTFORK before each fork): while a BGSAVE
 * runs, the JVM allocating and collecting hard copies nothing on write, and the save is whole.
 * So are the JVM's other reservations its start-up log names (code heaps, the class data archive).
 * G1 with a 512 MB heap, 200 MB of it live, so that the heap's writes would be copied by the
 * hundred MB otherwise (about 240 MB in a 7 s save on the development machine).
 */
class ForkCopyOnWriteSpec : FunSpec({
    timeout = 180_000

    fun save(javaHome: String?, vararg jvmOptions: String) {
        val dir = Files.createTempDirectory("cow")
        val args = listOfNotNull("java-home".takeIf { javaHome != null }, javaHome) +
            listOf("jvm-option", "-XX:+UseG1GC", "jvm-option", "-Xmx512m") + jvmOptions.flatMap { listOf("jvm-option", it) }
        var saved: Any? = null
        startWith(Modules.fixture, dir, moduleArgs = args).use { server ->
            server.info("fixture_jvm", "fixture_heap_excluded_from_forks") shouldBe "1"
            server.call("FIXTURE.RETAIN", "204800")
            server.call("EVAL", "for i = 1, 5000 do server.call('SET', 'k' .. i, i) end", "0")
            server.call("FIXTURE.TSET", "value", "1000", "7") shouldBe "OK"
            saved = server.call("FIXTURE.TGET", "value")
            // About a second of saving: the keys, 200 µs each.
            server.call("CONFIG", "SET", "rdb-key-save-delay", "200")
            server.call("FIXTURE.CHURN", "start")
            val gcBefore = server.info("fixture_jvm", "fixture_gc_count").toLong()
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            val gcDuring = server.info("fixture_jvm", "fixture_gc_count").toLong() - gcBefore
            server.call("FIXTURE.CHURN", "stop")

            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
            // The JIT code and the class data archive stayed out of the child too, unless the JVM logged nothing.
            val logged = "-Xlog:disable" !in jvmOptions
            val excludedRanges = server.info("fixture_jvm", "fixture_jvm_ranges_excluded_from_forks").toLong()
            if (logged) excludedRanges shouldBeGreaterThan 4L else excludedRanges shouldBe 1L
            val pid = server.info("server", "process_id")
            val mappings = mappingsKeptFromForks(pid)
            val jitCode = mappings.filterKeys { it.startsWith("rwxp") }
            jitCode.isNotEmpty() shouldBe true
            jitCode.values.all { it == logged } shouldBe true
            // (Without the log, only an archive's part inside the heap is kept out, with the heap.)
            if (logged) mappings.filterKeys { it.endsWith(".jsa") }.values.let { it.isNotEmpty() && it.all { kept -> kept } } shouldBe true
            // The JVM wrote its heap over and over while the child saved...
            gcDuring shouldBeGreaterThan 5L
            // ...and what was copied on write is the server's own memory, a few MB.
            server.info("persistence", "rdb_last_cow_size").toLong() shouldBeLessThan 32L * 1024 * 1024
        }
        // The file is whole: the keys and the module's value load back.
        startWith(Modules.fixture, dir, moduleArgs = args).use { server ->
            server.call("DBSIZE") shouldBe 5001L
            server.call("GET", "k5000") shouldBe "5000"
            server.call("FIXTURE.TGET", "value") shouldBe saved
        }
    }

    test("on the default JDK: a BGSAVE while the JVM churns its heap copies only the server's memory on write") {
        save(null)
    }

    test("on JDK 25 (G1's concurrent collector too): the same")
        .config(enabledOrReasonIf = onJdk25) {
            save(jdk25.toString())
        }

    // The heap's range is read from the line the JVM logs while it starts; with the user's
    // -Xlog:disable there is no such line, and it comes from GC.heap_info instead.
    test("with the JVM's logging turned off (-Xlog:disable): the same")
        .config(enabledOrReasonIf = onJdk25) {
            save(jdk25.toString(), "-Xlog:disable")
        }

    test("-Dvalkeyjvm.excludeJvmFromForks=false leaves the JVM's memory in fork children, and saves still work") {
        val dir = Files.createTempDirectory("cow")
        startWith(Modules.fixture, dir, moduleArgs = listOf("jvm-option", "-Dvalkeyjvm.excludeJvmFromForks=false")).use { server ->
            server.info("fixture_jvm", "fixture_heap_excluded_from_forks") shouldBe "0"
            server.info("fixture_jvm", "fixture_jvm_ranges_excluded_from_forks") shouldBe "0"
            server.call("FIXTURE.TSET", "value", "10", "7") shouldBe "OK"
            server.call("BGSAVE")
            server.awaitBackgroundWork()
            server.info("persistence", "rdb_last_bgsave_status") shouldBe "ok"
        }
    }
})

/**
 * The process's mappings that are the JVM's JIT code (anonymous rwxp, keyed "rwxp <range>") or a
 * class data archive file (keyed "<range> <path>"), each with whether it is kept out of fork
 * children (VmFlags dc).
 */
private fun mappingsKeptFromForks(pid: String): Map<String, Boolean> {
    val result = LinkedHashMap<String, Boolean>()
    var key: String? = null
    for (line in java.io.File("/proc/$pid/smaps").readLines()) {
        val fields = line.trim().split(Regex("\\s+"))
        if (Regex("^[0-9a-f]+-[0-9a-f]+$").matches(fields[0])) {
            key = when {
                fields.size >= 6 && fields[5].endsWith(".jsa") -> "${fields[0]} ${fields[5]}"
                fields.size == 5 && fields[1] == "rwxp" -> "rwxp ${fields[0]}"
                else -> null
            }
        } else if (fields[0] == "VmFlags:" && key != null) {
            result[key] = "dc" in fields
            key = null
        }
    }
    return result
}
