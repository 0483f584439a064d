package io.valkeyjvm.examples.rustauth

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import redis.clients.jedis.Jedis

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

private const val ENGINE_DENIED = "WRONGPASS invalid username-password pair or user is disabled."

/**
 * The Rust SDK's auth tests (tests/integration.rs): test_non_blocking_auth_callbacks,
 * test_blocking_auth_callbacks, test_multiple_inflight_blocking_auth_callbacks and
 * test_disconnect_client_during_blocking_auth, against one server.
 */
class AuthSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustauth.so"))))

    val moduleUsers = listOf("user1" to "module_pass1", "user2" to "module_pass2")
    val blockingOne = listOf("blockUser1" to "module_blockPass1", "blockUser2" to "module_blockPass2", "blockUser3" to "module_blockPass3")
    val blockingTwo = listOf("blockUser4" to "module_blockPass4", "blockUser5" to "module_blockPass5", "blockUser6" to "module_blockPass6")
    val engineUsers = listOf("engine_user1" to "engine_pass1", "engine_user2" to "engine_pass2")

    /** AUTH on a connection of its own: "OK", or the error line. */
    fun auth(user: String, password: String): String =
        server.callInBackground("AUTH", user, password).get(10, TimeUnit.SECONDS) as String

    fun blockedClients(): Int = server.info("clients", "blocked_clients").toInt()

    beforeSpec {
        // The module's users have no password of the server's; the engine's do.
        for ((user, _) in moduleUsers + blockingOne + blockingTwo + ("blockUserDelay" to ""))
            server.call("ACL", "SETUSER", user, "on", "nopass", "~*", "+@all") shouldBe "OK"
        for ((user, password) in engineUsers)
            server.call("ACL", "SETUSER", user, "on", ">$password", "~*", "+@all") shouldBe "OK"
    }

    test("auth_one and auth_two: the right password authenticates, another is denied by the callback") {
        for ((user, password) in moduleUsers) auth(user, password) shouldBe "OK"
        auth("user1", "wrong") shouldBe "ERR DENIED: Authentication credentials mismatch in auth_one"
        auth("user2", "wrong") shouldBe "ERR DENIED: Authentication credentials mismatch in auth_two"
        server.newClient().use { client ->
            client.auth("user1", "module_pass1") shouldBe "OK"
            client.aclWhoAmI() shouldBe "user1"
        }
        server.log() shouldContain "<auth> auth_one: Matched user: user1 with credentials"
        server.log() shouldContain "<auth> auth_two: Auth explicitly denied for user: user2"
    }

    test("names no callback handles fall through to the server's passwords") {
        for ((user, password) in engineUsers) {
            auth(user, password) shouldBe "OK"
            auth(user, "wrong") shouldBe ENGINE_DENIED
        }
        // The blocking callbacks pass default on too: the server's default user has no password.
        auth("default", "anything") shouldBe "OK"
        server.log() shouldContain "<auth> auth_one: auth not handled for user: default"
    }

    test("a blocking callback's client waits while the server serves others, then is authenticated") {
        val delayed = server.callInBackground("AUTH", "blockUserDelay", "blockPassDelay")
        awaitUntil("the AUTH of blockUserDelay blocks its client") { blockedClients() > 0 }
        server.call("PING") shouldBe "PONG"
        delayed.get(10, TimeUnit.SECONDS) shouldBe "OK"
        awaitUntil("no client is blocked") { blockedClients() == 0 }
    }

    test("blocking callbacks: the right password authenticates, another is denied by the callback's reply") {
        for ((user, password) in blockingOne + blockingTwo) auth(user, password) shouldBe "OK"
        for ((user, _) in blockingOne) auth(user, "wrong") shouldBe "ERR DENIED: Authentication credentials mismatch in blocked_auth_reply_one"
        for ((user, _) in blockingTwo) auth(user, "wrong") shouldBe "ERR DENIED: Authentication credentials mismatch in blocked_auth_reply_two"
        server.log() shouldContain "<auth> blocked_auth_reply_one: Auth allowed for user: blockUser1"
    }

    test("blockAbort/abort is refused by blocking_auth_callback_two") {
        auth("blockAbort", "abort") shouldBe "ERR ABORT: Authentication aborted by server"
        auth("blockAbort", "other") shouldBe ENGINE_DENIED
    }

    test("authentications in flight together each get their own callback's answer") {
        // The slow ones first: the quick ones are answered while they still wait.
        val slow = (blockingTwo.map { it.first } + "blockUserDelay").map { it to server.callInBackground("AUTH", it, "wrong") }
        val quick = blockingOne.map { it.first }.map { it to server.callInBackground("AUTH", it, "wrong") }
        for ((user, reply) in quick)
            (user to reply.get(10, TimeUnit.SECONDS)) shouldBe (user to "ERR DENIED: Authentication credentials mismatch in blocked_auth_reply_one")
        for ((user, reply) in slow)
            (user to reply.get(10, TimeUnit.SECONDS)) shouldBe (user to "ERR DENIED: Authentication credentials mismatch in blocked_auth_reply_two")
    }

    test("a client that disconnects while its authentication waits is released; the next one authenticates") {
        val delayed = server.callInBackground("AUTH", "blockUserDelay", "blockPassDelay")
        awaitUntil("the AUTH of blockUserDelay blocks its client") { blockedClients() > 0 }
        server.call("CLIENT", "KILL", "SKIPME", "yes")
        awaitUntil("no client is blocked") { blockedClients() == 0 }
        shouldThrow<java.util.concurrent.ExecutionException> { delayed.get(10, TimeUnit.SECONDS) }
        auth("blockUserDelay", "blockPassDelay") shouldBe "OK"
    }
})
