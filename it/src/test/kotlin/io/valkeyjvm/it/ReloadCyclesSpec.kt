package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files
import java.nio.file.Path

/** A field of /proc/<pid>/status ("Threads", "VmRSS" in kB). */
private fun ValkeyServer.procStatus(field: String): Long =
    Files.readAllLines(Path.of("/proc/$pid/status")).first { it.startsWith("$field:") }
        .substringAfter(':').trim().split(' ').first().toLong()

/**
 * MODULE UNLOAD and MODULE LOAD, over and over, leave nothing running and keep memory bounded:
 * the SDK's runtime (JNA, Kotlin, coroutines) is loaded once per server, each module's own
 * classes in a class loader of their own that unloading lets go.
 */
class ReloadCyclesSpec : FunSpec({
    timeout = 300_000

    test("100 unload/load cycles of a Kotlin and a Java module leave threads and RSS bounded") {
        ValkeyServer.start(valkeyServerConfig {
            module(Modules.hello, "jvm-option", "-Xmx128m")
            module(Modules.javaHello)
        }).use { server ->
            fun cycle() {
                server.call("MODULE", "UNLOAD", "helloworld") shouldBe "OK"
                server.call("MODULE", "UNLOAD", "javahello") shouldBe "OK"
                server.moduleLoad(Modules.hello).shouldBeNull()
                server.moduleLoad(Modules.javaHello).shouldBeNull()
                server.call("HELLO.LEFTPAD", "a", "3", "b") shouldBe "bba"
                server.call("JAVAHELLO.ECHO", "x") shouldBe "x"
            }
            repeat(30) { cycle() } // the JVM warms up: JIT, code cache, the heap's young generation
            val threads = server.procStatus("Threads")
            val rss = server.procStatus("VmRSS")
            repeat(100) { cycle() }
            val threadsAfter = server.procStatus("Threads")
            val rssAfter = server.procStatus("VmRSS")
            println("reload cycles: threads $threads -> $threadsAfter, RSS ${rss / 1024} MB -> ${rssAfter / 1024} MB")
            // Before the shared runtime: 2 threads and about 6.6 MB more per cycle.
            (threadsAfter - threads).toInt() shouldBeLessThanOrEqual 2
            (rssAfter - rss) shouldBeLessThanOrEqual 64L * 1024
            server.shouldHaveNoCrashReport()
        }
    }
})
