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
import java.nio.file.Path

/** Valkey 9.1's valkey-server (scripts/install-valkey-9.sh), or null where it is not built: the cases that need it are skipped. */
private val valkey9: Path? = Path.of(System.getenv("VALKEY9_CACHE") ?: "/var/cache/valkey-jvm/valkey-9.1.2", "src", "valkey-server")
    .takeIf { Files.isExecutable(it) }

/** Module configs through the server's CONFIG commands, load arguments, MODULE LOADEX and the config file. */
class ConfigSpec : FunSpec({
    timeout = 120_000

    fun ValkeyServer.configGet(pattern: String): Map<String, String> =
        (call("CONFIG", "GET", pattern) as List<*>).chunked(2).associate { (k, v) -> k as String to v as String }

    fun ValkeyServer.values(): List<Any?> = call("CFG.VALUES") as List<*>

    /** True if the server is older than [major].[minor]. */
    fun ValkeyServer.versionBelow(major: Int, minor: Int): Boolean {
        val (ma, mi) = info("server", "valkey_version").split('.').map { it.toInt() }
        return ma < major || (ma == major && mi < minor)
    }

    /** The arguments MODULE LIST shows for [module]. */
    fun ValkeyServer.moduleArgs(module: String): List<Any?> =
        (call("MODULE", "LIST") as List<*>).map { entry -> (entry as List<*>).chunked(2).associate { (k, v) -> k as String to v } }
            .single { it["name"] == module }["args"] as List<*>

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

    test("config names may have '_'; a choice with numbers of its own shows and sets by name") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configExtras) }).use { server ->
            server.configGet("cfgx.*") shouldBe mapOf("cfgx.with_underscore" to "yes", "cfgx.level" to "high")
            server.call("CONFIG", "SET", "cfgx.with_underscore", "no", "cfgx.level", "max") shouldBe "OK"
            server.call("CFGX.LEVEL") shouldBe "max"
            server.errorReply("CONFIG", "SET", "cfgx.level", "10") shouldContain "low, high, max"
            server.configGet("cfgx.*") shouldBe mapOf("cfgx.with_underscore" to "no", "cfgx.level" to "max")
        }
    }

    test("skipLoadingWhen: the server itself refuses the module, leaves none of its configs, and a later load works") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            server.moduleLoad(Modules.configExtras, "noload").shouldNotBeNull()
            server.log() shouldContain "module 'cfgx' leaves its config values unloaded for these load arguments"
            server.log() shouldContain "Module Configurations were not set, likely a missing LoadConfigs call"
            server.configGet("cfgx.*") shouldBe emptyMap()
            server.moduleLoad(Modules.configExtras, "again").shouldBeNull()
            server.configGet("cfgx.with_underscore") shouldBe mapOf("cfgx.with_underscore" to "yes")
        }
    }

    test("a server started with a module that skips loading its configs exits, with the server's own line") {
        val config = valkeyServerConfig { module(Modules.configExtras, "noload") }
        val failure = runCatching { ValkeyServer.start(config).close() }.exceptionOrNull().shouldNotBeNull()
        (failure.message + failure.cause?.message) shouldContain "Module Configurations were not set"
    }

    test("after the load, a config registered through the raw API is refused (RawContext reaches the command's context)") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configExtras) }).use { server ->
            server.call("CFGX.LATEREG") shouldBe 1L
            server.configGet("cfgx.late") shouldBe emptyMap()
        }
    }

    test("before Valkey 8.1, changing the load arguments fails clearly, naming the version, and MODULE LIST keeps them") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.configExtras, "a", "b") }).use { server ->
            if (server.versionBelow(8, 1)) {
                server.errorReply("CFGX.SETARGS", "c") shouldContain "needs Valkey 8.1 or later"
                server.moduleArgs("cfgx") shouldBe listOf("a", "b")
            } else {
                server.call("CFGX.SETARGS", "c") shouldBe "OK"
                server.moduleArgs("cfgx") shouldBe listOf("c")
            }
        }
    }

    test("before Valkey 9.1, an unsigned number config fails the load, naming the version, and nothing of it stays") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            if (server.versionBelow(9, 1)) {
                server.moduleLoad(Modules.unsignedConfigs).shouldNotBeNull()
                server.log() shouldContain "config 'big' of module 'cfgu' is an unsigned number config, which needs Valkey 9.1 or later"
                server.log() shouldContain "ValkeyModule_RegisterUnsignedNumericConfig is not available in this valkey-server"
                server.configGet("cfgu.*") shouldBe emptyMap()
                server.moduleLoad(Modules.configs).shouldBeNull()
            } else {
                server.moduleLoad(Modules.unsignedConfigs).shouldBeNull()
                server.configGet("cfgu.big") shouldBe mapOf("cfgu.big" to "18446744073709551614")
            }
        }
    }

    test("on Valkey 9.1: unsigned number configs take the whole unsigned range, from CONFIG SET, load arguments and the module").config(enabled = valkey9 != null) {
        ValkeyServer.start(valkeyServerConfig { serverBinary = valkey9 }).use { server ->
            server.moduleLoad(Modules.unsignedConfigs, "big", "18446744073709551600", "cache", "1gb").shouldBeNull()
            server.configGet("cfgu.*") shouldBe mapOf("cfgu.big" to "18446744073709551600", "cfgu.cache" to "1073741824")
            server.call("CFGU.VALUES") shouldBe listOf("18446744073709551600", "1073741824")
            server.errorReply("CONFIG", "SET", "cfgu.big", "18446744073709551615") shouldContain
                "argument must be between 10 and 18446744073709551614 inclusive"
            server.errorReply("CFGU.SETBIG", "18446744073709551615") shouldBe "ERR argument must be between 10 and 18446744073709551614 inclusive"
            server.call("CFGU.SETBIG", "12345678901234567890") shouldBe "OK"
            server.configGet("cfgu.big") shouldBe mapOf("cfgu.big" to "12345678901234567890")
            server.call("CONFIG", "SET", "cfgu.cache", "16gb") shouldBe "OK"
            server.call("CFGU.VALUES") shouldBe listOf("12345678901234567890", "17179869184")
            server.call("MODULE", "UNLOAD", "cfgu") shouldBe "OK"
            server.moduleLoad(Modules.unsignedConfigs, "big", "-1").shouldNotBeNull()
            server.log() shouldContain "load argument big '-1': argument couldn't be parsed as an unsigned number"
        }
    }

    test("on Valkey 9.1: new load arguments show in MODULE LIST after the loader's own, which stay").config(enabled = valkey9 != null) {
        ValkeyServer.start(valkeyServerConfig { serverBinary = valkey9 }).use { server ->
            server.moduleLoad(Modules.configExtras, "jvm-option", "-Dvalkeyjvm.spec=1", "a", "b").shouldBeNull()
            server.moduleArgs("cfgx") shouldBe listOf("jvm-option", "-Dvalkeyjvm.spec=1", "a", "b")
            server.call("CFGX.SETARGS", "c", "d", "e") shouldBe "OK"
            server.moduleArgs("cfgx") shouldBe listOf("jvm-option", "-Dvalkeyjvm.spec=1", "c", "d", "e")
            server.call("CFGX.SETARGS") shouldBe "OK"
            server.moduleArgs("cfgx") shouldBe listOf("jvm-option", "-Dvalkeyjvm.spec=1")
        }
    }
})
