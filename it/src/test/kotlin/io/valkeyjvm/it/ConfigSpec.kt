package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files

/** Module configs through the server's CONFIG commands, load arguments, MODULE LOADEX and the config file. */
class ConfigSpec : FunSpec({
    timeout = 120_000

    fun ValkeyServer.configGet(pattern: String): Map<String, String> =
        (call("CONFIG", "GET", pattern) as List<*>).chunked(2).associate { (k, v) -> k as String to v as String }

    fun ValkeyServer.values(): List<Any?> = call("CFG.VALUES") as List<*>

    test("CONFIG GET shows every config with its default; a hidden one only by its exact name") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configs) }).use { server ->
            server.configGet("cfg.*") shouldBe mapOf(
                "cfg.enabled" to "yes", "cfg.max-items" to "10", "cfg.cache" to "1048576", "cfg.greeting" to "hello",
                "cfg.mode" to "fast", "cfg.log" to "reads", "cfg.locked" to "yes",
            )
            server.configGet("cfg.secret") shouldBe mapOf("cfg.secret" to "s3cret")
            server.values() shouldBe listOf("true", "10", "1048576", "hello", "fast", "reads", "true", "s3cret", 0L)
        }
    }

    test("CONFIG SET reaches the module, in every kind, memory units and bit flags included") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configs) }).use { server ->
            server.call("CONFIG", "SET", "cfg.enabled", "no", "cfg.greeting", "bonjour \u00e9", "cfg.mode", "safe", "cfg.log", "reads deletes") shouldBe "OK"
            server.call("CONFIG", "SET", "cfg.cache", "2mb") shouldBe "OK"
            server.configGet("cfg.*") shouldBe mapOf(
                "cfg.enabled" to "no", "cfg.max-items" to "10", "cfg.cache" to "2097152", "cfg.greeting" to "bonjour \u00e9",
                "cfg.mode" to "safe", "cfg.log" to "reads deletes", "cfg.locked" to "yes",
            )
            server.values().take(6) shouldBe listOf("false", "10", "2097152", "bonjour \u00e9", "safe", "reads deletes")
        }
    }

    test("a value the module refuses: the client reads why, and the old value stays") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configs) }).use { server ->
            server.errorReply("CONFIG", "SET", "cfg.max-items", "13") shouldContain "13 is unlucky"
            server.errorReply("CONFIG", "SET", "cfg.greeting", "") shouldContain "a greeting cannot be empty"
            server.errorReply("CONFIG", "SET", "cfg.max-items", "0") shouldContain "must be between 1 and 1000"
            server.errorReply("CONFIG", "SET", "cfg.mode", "turbo") shouldContain "fast, safe, off"
            server.errorReply("CONFIG", "SET", "cfg.locked", "no") shouldContain "immutable"
            server.configGet("cfg.*").let {
                it["cfg.max-items"] shouldBe "10"
                it["cfg.greeting"] shouldBe "hello"
                it["cfg.mode"] shouldBe "fast"
                it["cfg.locked"] shouldBe "yes"
            }
            // The module's own set is checked the same way.
            server.errorReply("CFG.SETMAX", "13") shouldBe "ERR 13 is unlucky"
            server.call("CFG.SETMAX", "12") shouldBe "OK"
            server.configGet("cfg.max-items") shouldBe mapOf("cfg.max-items" to "12")
        }
    }

    test("configs that share an apply step get it once per CONFIG SET; a failed apply undoes the whole set") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configs) }).use { server ->
            server.call("CONFIG", "SET", "cfg.max-items", "100", "cfg.cache", "1mb") shouldBe "OK"
            server.values().last() shouldBe 1L
            server.errorReply("CONFIG", "SET", "cfg.cache", "50kb", "cfg.greeting", "changed") shouldContain "cache too small for max-items"
            server.configGet("cfg.*").let {
                it["cfg.cache"] shouldBe "1048576"
                it["cfg.greeting"] shouldBe "hello"
            }
            server.call("CONFIG", "SET", "cfg.enabled", "no") shouldBe "OK"
            // The failed set ran its apply, then once more for the old values the server put back; a plain config runs none.
            server.values().last() shouldBe 3L
        }
    }

    test("load arguments set configs; MODULE LOADEX CONFIG wins over them; a bad one fails the load with a clear line") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            server.moduleLoad(Modules.configs, "max-items", "20", "mode", "safe", "cache", "64k").shouldBeNull()
            server.configGet("cfg.*").let {
                it["cfg.max-items"] shouldBe "20"
                it["cfg.mode"] shouldBe "safe"
                it["cfg.cache"] shouldBe "64000"
            }
            server.call("MODULE", "UNLOAD", "cfg") shouldBe "OK"
            server.call("MODULE", "LOADEX", Modules.configs.toString(), "CONFIG", "cfg.max-items", "30", "ARGS", "max-items", "20") shouldBe "OK"
            server.configGet("cfg.max-items") shouldBe mapOf("cfg.max-items" to "30")
            server.call("MODULE", "UNLOAD", "cfg") shouldBe "OK"
            server.moduleLoad(Modules.configs, "max-items", "13").shouldNotBeNull()
            server.log() shouldContain "load argument max-items '13': 13 is unlucky"
            server.moduleLoad(Modules.configs, "colour", "blue").shouldNotBeNull()
            server.log() shouldContain "module 'cfg' has no config 'colour'"
            server.moduleLoad(Modules.configs).shouldBeNull()
            server.configGet("cfg.max-items") shouldBe mapOf("cfg.max-items" to "10")
        }
    }

    test("startup directives set configs, and CONFIG REWRITE writes the changed ones into the config file") {
        val config = valkeyServerConfig {
            module(Modules.configs)
            config("cfg.greeting", "from the command line")
            configFile = true
        }
        ValkeyServer.start(config).use { server ->
            server.configGet("cfg.greeting") shouldBe mapOf("cfg.greeting" to "from the command line")
            server.call("CONFIG", "SET", "cfg.max-items", "42", "cfg.log", "writes") shouldBe "OK"
            server.call("CONFIG", "REWRITE") shouldBe "OK"
            val lines = Files.readAllLines(server.dir.resolve(ValkeyServer.CONFIG_FILE))
            lines shouldContain "cfg.max-items 42"
            lines shouldContain "cfg.log writes"
            lines shouldContain "cfg.greeting \"from the command line\""
            lines.filter { it.startsWith("cfg.") } shouldNotContain "cfg.enabled yes" // defaults are left out
        }
    }
})
