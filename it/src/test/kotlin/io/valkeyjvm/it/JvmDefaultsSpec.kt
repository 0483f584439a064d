package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig

private const val MB = 1024L * 1024L

/**
 * The loader's default JVM options (a small-footprint setup: the serial collector, a heap that
 * starts small, a small young generation, two compiler threads), as a user sees them: the log
 * line, the JVM's arguments and the module's INFO section; and a user's `jvm-option` on the same
 * subject replacing its default instead of clashing with it.
 */
class JvmDefaultsSpec : FunSpec({
    timeout = 120_000

    fun ValkeyServer.jvmArguments(): List<String> {
        @Suppress("UNCHECKED_CAST")
        return call("FIXTURE.JVM") as List<String>
    }

    test("with no jvm-option the JVM runs the serial collector on a heap that starts small, and the log says so") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.log() shouldContain
                "default options: -XX:+UseSerialGC -XX:MaxNewSize=16m -Xms8m -XX:CICompilerCount=2 (a jvm-option on the same subject replaces its default)"
            server.jvmArguments() shouldContain "-XX:+UseSerialGC"
            // The serial collector's two collectors, as the JVM names them ("Copy", "MarkSweepCompact").
            server.info("fixture_jvm").keys shouldContain "fixture_gc_copy_count"
            server.info("fixture_jvm").keys shouldContain "fixture_gc_marksweepcompact_count"
            server.call("FIXTURE.ECHO", "x") shouldBe "x"
        }
    }

    test("a user's collector replaces the default one (no 'multiple garbage collectors' failure)") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture, "jvm-option", "-XX:+UseG1GC") }).use { server ->
            server.call("FIXTURE.ECHO", "x") shouldBe "x"
            server.info("fixture_jvm").keys shouldContain "fixture_gc_g1_young_generation_count"
            server.jvmArguments() shouldNotContain "-XX:+UseSerialGC"
            // The young generation cap belongs to the serial default: G1 sizes its young generation itself.
            server.jvmArguments() shouldNotContain "-XX:MaxNewSize=16m"
            server.log() shouldContain "default options: -Xms8m -XX:CICompilerCount=2 ("
        }
    }

    test("a collector in JAVA_TOOL_OPTIONS, which the JVM reads before the loader's options, replaces the default one") {
        ValkeyServer.start(valkeyServerConfig {
            env("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC")
            module(Modules.fixture)
        }).use { server ->
            server.call("FIXTURE.ECHO", "x") shouldBe "x"
            server.info("fixture_jvm").keys shouldContain "fixture_gc_ps_scavenge_count"
            server.log() shouldContain "default options: -Xms8m -XX:CICompilerCount=2 ("
        }
    }

    test("a user's max heap replaces the default start size, even below it, keeps the JVM's own collector, and INFO shows that max") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture, "jvm-option", "-Xmx7m") }).use { server ->
            server.call("FIXTURE.ECHO", "x") shouldBe "x"
            server.jvmArguments() shouldNotContain "-Xms8m"
            // INFO adds up the pools' maxima: close to -Xmx, a little over or under it.
            server.info("fixture_jvm", "fixture_heap_max").toLong() shouldBeInRange (5 * MB)..(8 * MB)
            server.jvmArguments() shouldNotContain "-XX:+UseSerialGC"
            server.info("fixture_jvm").keys shouldContain "fixture_gc_g1_young_generation_count"
            server.log() shouldContain "default options: -XX:CICompilerCount=2 ("
        }
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture, "jvm-option", "-Xmx96m") }).use { server ->
            server.info("fixture_jvm", "fixture_heap_max").toLong() shouldBeInRange (80 * MB)..(100 * MB)
        }
    }

    test("an options file may name anything, so no default applies with one") {
        val file = kotlin.io.path.createTempFile("jvm-options", ".txt")
        try {
            java.nio.file.Files.writeString(file, "-XX:+UseParallelGC\n")
            ValkeyServer.start(valkeyServerConfig {
                module(Modules.fixture, "jvm-option", "-XX:VMOptionsFile=$file")
            }).use { server ->
                server.call("FIXTURE.ECHO", "x") shouldBe "x"
                server.log() shouldContain "default options: none ("
                server.info("fixture_jvm").keys shouldContain "fixture_gc_ps_scavenge_count"
                server.log() shouldNotContain "multiple"
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file)
        }
    }
})
