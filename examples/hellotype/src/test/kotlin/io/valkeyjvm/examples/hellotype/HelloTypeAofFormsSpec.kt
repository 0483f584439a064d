package io.valkeyjvm.examples.hellotype

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import java.nio.file.Files
import kotlin.io.path.name
import kotlin.io.path.readText

/**
 * A value keeps the AOF form of its type's aofRewrite (HELLOTYPE.INSERT commands) only while an
 * AOF rewrite would read it, appendonly yes with aof-use-rdb-preamble no; otherwise only its saved
 * form. A change of those configs records every value again, in slices; a rewrite before that
 * writes a value without its AOF form as RESTORE, which loads the same value.
 */
class HelloTypeAofFormsSpec : FunSpec({
    timeout = 120_000

    fun ValkeyServer.aofFormsRecorded(): String = info("hellotype_jvm", "hellotype_aof_forms_recorded")
    fun ValkeyServer.awaitRecorded() =
        awaitUntil("every changed value recorded") { info("hellotype_jvm", "hellotype_module_values_to_record") == "0" }
    fun ValkeyServer.baseAof(): String =
        Files.list(dir.resolve("appendonlydir")).use { files -> files.filter { it.name.endsWith(".base.aof") }.toList() }
            .single().readText(Charsets.ISO_8859_1)

    test("with appendonly yes and aof-use-rdb-preamble no, a rewrite writes every value as the type's own commands") {
        val first = startHelloType(null, "appendonly" to "yes", "aof-use-rdb-preamble" to "no")
        val expected = first.use { server ->
            server.awaitBackgroundWork()
            server.aofFormsRecorded() shouldBe "1"
            val expected = server.fill(30)
            server.awaitRecorded()
            server.call("BGREWRITEAOF")
            server.awaitBackgroundWork()
            val aof = server.baseAof()
            aof shouldContain "HELLOTYPE.INSERT"
            aof shouldNotContain "RESTORE"
            expected
        }
        startHelloType(first.dir, "appendonly" to "yes").use { server ->
            server.contents(expected.keys) shouldBe expected
        }
    }

    test("with the RDB preamble values keep no AOF form; switched on at run time, the first rewrite writes them as RESTORE, later ones as commands") {
        val first = startHelloType(null, "aof-use-rdb-preamble" to "no")
        val expected = first.use { server ->
            server.aofFormsRecorded() shouldBe "0"
            val filled = server.fill(30)
            server.awaitRecorded()
            // The server starts this rewrite before the module hears of the change: values without an AOF form.
            server.call("CONFIG", "SET", "appendonly", "yes") shouldBe "OK"
            server.awaitBackgroundWork()
            server.aofFormsRecorded() shouldBe "1"
            val firstRewrite = server.baseAof()
            Regex("RESTORE\r\n\\$\\d+\r\nlist:1\r\n").containsMatchIn(firstRewrite) shouldBe true
            firstRewrite shouldNotContain "HELLOTYPE.INSERT"
            // Every value is recorded again, with its AOF form, in slices after the change.
            server.call("HELLOTYPE.INSERT", "list:4", "-5")
            server.awaitRecorded()
            server.call("BGREWRITEAOF")
            server.awaitBackgroundWork()
            val secondRewrite = server.baseAof()
            Regex("HELLOTYPE.INSERT\r\n\\$\\d+\r\nlist:1\r\n").containsMatchIn(secondRewrite) shouldBe true
            Regex("HELLOTYPE.INSERT\r\n\\$\\d+\r\nlist:4\r\n").containsMatchIn(secondRewrite) shouldBe true
            secondRewrite shouldNotContain "RESTORE"
            filled + mapOf("list:4" to (filled.getValue("list:4") + -5L).sorted())
        }
        startHelloType(first.dir, "appendonly" to "yes").use { server ->
            server.contents(expected.keys) shouldBe expected
            server.log() shouldNotContain "BUG REPORT"
        }
    }

    test("turning appendonly off drops the AOF form of every value, so each holds its saved form alone") {
        startHelloType(null, "appendonly" to "yes", "aof-use-rdb-preamble" to "no").use { server ->
            server.awaitBackgroundWork()
            (1..20).forEach { server.call("HELLOTYPE.INSERT", "big", (it * 1000).toString()) }
            server.awaitRecorded()
            val withAof = server.call("MEMORY", "USAGE", "big") as Long
            server.call("CONFIG", "SET", "appendonly", "no") shouldBe "OK"
            server.aofFormsRecorded() shouldBe "0"
            server.awaitRecorded()
            val savedOnly = server.call("MEMORY", "USAGE", "big") as Long
            // 20 commands of about 45 bytes each left the tape.
            withAof shouldBeGreaterThan savedOnly + 20 * 30
            // What was saved still loads whole.
            server.call("DEBUG", "RELOAD") shouldBe "OK"
            (server.call("HELLOTYPE.RANGE", "big", "0", "100") as List<*>).size shouldBe 20
        }
    }
})
