package io.valkeyjvm.examples.hellohook

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.maps.shouldContainKey
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files
import java.nio.file.Path
import redis.clients.jedis.Jedis
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val module = ValkeyModuleLoad(moduleDir.resolve("hellohook.so"))

/** Valkey 9.1's valkey-server (scripts/install-valkey-9.sh), or null where it is not built: the case that needs it is skipped. */
private val valkey9: Path? = Path.of(System.getenv("VALKEY9_CACHE") ?: "/var/cache/valkey-jvm/valkey-9.1.2", "src", "valkey-server")
    .takeIf { Files.isExecutable(it) }

class HelloHookSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(module))

    fun ValkeyServer.awaitPrinted(line: String) =
        awaitUntil("hellohook to print '$line'; it printed:\n${stdoutTail()}") { stdout().lines().contains(line) }

    /** The address the server sees for [client]: "127.0.0.1:<port>". */
    fun addressOf(client: Jedis): String = client.clientInfo().split(' ').single { it.startsWith("addr=") }.removePrefix("addr=")

    test("a client connecting prints its id, address and port; so does its disconnection when the server closes it") {
        val client = server.newClient()
        val id = client.clientId()
        val address = addressOf(client)
        server.awaitPrinted("Client connection event for client #$id $address")
        server.call("CLIENT", "KILL", "ID", id.toString()) shouldBe 1L
        server.awaitPrinted("Client disconnection event for client #$id $address")
        client.close()
    }

    test("a client that closes its connection itself prints its disconnection too") {
        val client = server.newClient()
        val id = client.clientId()
        client.close()
        // By then the server may no longer learn the peer's address from the socket: it reports "?:0", to C modules too.
        awaitUntil("hellohook to print the disconnection of client #$id; it printed:\n${server.stdoutTail()}") {
            server.stdout().lines().any { it.startsWith("Client disconnection event for client #$id ") }
        }
    }

    test("FLUSHDB prints its database and how many keys it is about to drop, then that it ended") {
        server.newClient().use { client ->
            client.select(3)
            client.set("a", "1")
            client.set("b", "2")
            client.flushDB()
        }
        server.awaitPrinted("FLUSHDB event of database 3 ended")
        val out = server.stdout().lines()
        out.indexOf("FLUSHDB event of database 3 started (2 keys in DB)") shouldBeLessThan out.indexOf("FLUSHDB event of database 3 ended")
    }

    test("FLUSHALL prints that it started, then that it ended") {
        server.call("SET", "k", "v")
        server.call("FLUSHALL") shouldBe "OK"
        server.awaitPrinted("FLUSHALL event ended")
        val out = server.stdout().lines()
        out.indexOf("FLUSHALL event started") shouldBeLessThan out.indexOf("FLUSHALL event ended")
    }

    test("before Valkey 9.0, which has no authentication attempt event, the module loads and AUTH prints nothing")
        .config(enabled = server.info("server", "valkey_version").substringBefore('.').toInt() < 9) {
            server.modules() shouldContainKey "hellohook"
            val refused = runCatching { server.newClient().use { it.auth("nobody", "wrong") } }.exceptionOrNull()
            (refused as JedisDataException).message shouldContain "WRONGPASS"
            server.call("PING") shouldBe "PONG"
            server.stdout() shouldNotContain "Authentication attempt"
        }

    test("on Valkey 9.1: each authentication attempt prints the client, the user, the deciding module (none) and the outcome")
        .config(enabled = valkey9 != null) {
            ValkeyServer.start(valkeyServerConfig { serverBinary = valkey9; module(module) }).use { nine ->
                nine.call("ACL", "SETUSER", "bob", "on", ">secret", "~*", "+@all") shouldBe "OK"
                nine.newClient().use { client ->
                    val id = client.clientId()
                    runCatching { client.auth("bob", "wrong") }.exceptionOrNull()!!.message shouldContain "WRONGPASS"
                    nine.awaitPrinted("Authentication attempt for client #$id with username=bob module=(null) success=0")
                    client.auth("bob", "secret") shouldBe "OK"
                    nine.awaitPrinted("Authentication attempt for client #$id with username=bob module=(null) success=1")
                }
            }
        }
})
