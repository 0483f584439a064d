package io.valkeyjvm.examples.rustopenkeyflags

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/**
 * OPEN_KEY_WITH_FLAGS.READ and .WRITE on a live server, as the Rust SDK's tests/integration.rs
 * (test_open_key_with_flags): opening a key whose time has passed with NOEFFECTS does not expire it.
 */
class OpenKeyWithFlagsSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustopenkeyflags.so"))))

    fun expiredKeys(): Long =
        Regex("""expired_keys:(\d+)""").find(server.call("INFO", "stats") as String)!!.groupValues[1].toLong()

    for (command in listOf("open_key_with_flags.write", "open_key_with_flags.read")) {
        test("$command does not expire a key whose time has passed") {
            server.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")
            server.call("CONFIG", "RESETSTAT")
            server.call("SET", "x", "1")
            server.call("PEXPIRE", "x", "1")
            // The key's time passes (reading its TTL would expire it); with active expiry off only an access expires it.
            Thread.sleep(100)
            server.call(command, "x") shouldBe "OK"
            expiredKeys() shouldBe 0L
            server.call("EXISTS", "x") shouldBe 0L   // an ordinary access expires it
            expiredKeys() shouldBe 1L
            server.call("DEBUG", "SET-ACTIVE-EXPIRE", "1")
        }
    }

    test("the wrong number of arguments is the server's arity error") {
        server.errorReply("open_key_with_flags.read") shouldStartWith "ERR wrong number of arguments"
        server.call("PING") shouldBe "PONG"
    }
})
