package io.valkeyjvm.examples.rustconfiguration

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.ValkeyServerStartException
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path
import redis.clients.jedis.Protocol
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val so = moduleDir.resolve("rustconfiguration.so")

private fun ValkeyServer.configGet(name: String): String = (call("CONFIG", "GET", name) as List<*>)[1] as String

private fun ValkeyServer.configSet(name: String, value: String): Any? = call("CONFIG", "SET", name, value)

/** CONFIG SET with bytes that are not UTF-8 text; the error line it replies, or null if it succeeded. */
private fun ValkeyServer.configSetBytes(name: String, value: ByteArray): String? = try {
    newClient().use { it.sendCommand(Protocol.Command.CONFIG, "SET".toByteArray(), name.toByteArray(), value) }
    null
} catch (refused: JedisDataException) {
    refused.message
}

class ConfigurationSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(so)))

    // tests/integration.rs test_configuration, in the same order: its counts depend on it.
    test("every config has its default, CONFIG SET changes it, the reject_ configs refuse their value, and the changes are counted") {
        val changes = listOf(
            Triple("configuration.i64", "10", "100"),
            Triple("configuration.atomic_i64", "10", "100"),
            Triple("configuration.valkey_string", "default", "new"),
            Triple("configuration.string", "default", "new"),
            Triple("configuration.mutex_string", "default", "new"),
            Triple("configuration.atomic_bool", "yes", "no"),
            Triple("configuration.bool", "yes", "no"),
            Triple("configuration.enum", "Val1", "Val2"),
            Triple("configuration.enum_mutex", "Val1", "Val2"),
        )
        for ((name, default, value) in changes) {
            server.configGet(name) shouldBe default
            server.configSet(name, value) shouldBe "OK"
            server.configGet(name) shouldBe value
        }

        for ((name, value, message) in listOf(
            Triple("configuration.reject_valkey_string", "rejectvalue", "Rejected from custom string validation"),
            Triple("configuration.reject_i64", "123", "Rejected from custom i64 validation"),
            Triple("configuration.reject_bool", "no", "Rejected from custom bool validation"),
            Triple("configuration.reject_enum", "Val2", "Rejected from custom enum validation"),
        )) {
            server.errorReply("CONFIG", "SET", name, value) shouldBe
                "ERR CONFIG SET failed (possibly related to argument '$name') - $message."
        }
        // The 13 values at load, 9 changes, and the 4 refusals (see Configuration.kt).
        server.call("CONFIGURATION.NUM_CHANGES") shouldBe 26L

        for ((name, old, value) in listOf(
            Triple("configuration.reject_valkey_string", "default", "validvalue"),
            Triple("configuration.reject_i64", "10", "11"),
            Triple("configuration.reject_bool", "yes", "yes"),
            Triple("configuration.reject_enum", "Val1", "Val1"),
        )) {
            server.configGet(name) shouldBe old
            server.configSet(name, value) shouldBe "OK"
            server.configGet(name) shouldBe value
        }
        // Setting a config to the value it has does not reach the module.
        server.call("CONFIGURATION.NUM_CHANGES") shouldBe 28L
    }

    test("the server's own checks come first: the range of numbers and the names of choices") {
        server.errorReply("CONFIG", "SET", "configuration.i64", "1001") shouldBe
            "ERR CONFIG SET failed (possibly related to argument 'configuration.i64') - argument must be between 0 and 1000 inclusive"
        server.errorReply("CONFIG", "SET", "configuration.enum", "Val3") shouldBe
            "ERR CONFIG SET failed (possibly related to argument 'configuration.enum') - argument(s) must be one of the following: Val1, Val2"
        server.errorReply("CONFIG", "SET", "configuration.bool", "maybe") shouldContain "argument must be 'yes' or 'no'"
    }

    test("string and mutex_string refuse bytes that are not UTF-8, without counting them; valkey_string takes any bytes") {
        val before = server.call("CONFIGURATION.NUM_CHANGES") as Long
        val notText = byteArrayOf(0xC3.toByte(), 0x28)
        for (name in listOf("configuration.string", "configuration.mutex_string")) {
            server.configSetBytes(name, notText) shouldBe
                "ERR CONFIG SET failed (possibly related to argument '$name') - Couldn't parse as UTF-8 string"
        }
        server.call("CONFIGURATION.NUM_CHANGES") shouldBe before
        server.configSetBytes("configuration.valkey_string", notText) shouldBe null
        server.call("CONFIGURATION.NUM_CHANGES") shouldBe before + 1
    }

    test("load arguments set configs (module_args_as_configuration); a refused one fails the load") {
        ValkeyServer.start(valkeyServerConfig { module(so, "i64", "42", "reject_enum", "Val1", "string", "from-args") }).use { s ->
            s.configGet("configuration.i64") shouldBe "42"
            s.configGet("configuration.string") shouldBe "from-args"
            s.call("CONFIGURATION.NUM_CHANGES") shouldBe 13L
        }
        val refused = shouldThrow<ValkeyServerStartException> {
            ValkeyServer.start(valkeyServerConfig { module(so, "reject_i64", "123") }).close()
        }
        refused.message shouldContain "Rejected from custom i64 validation."
    }
})
