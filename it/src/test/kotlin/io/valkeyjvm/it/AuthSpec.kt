package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import redis.clients.jedis.Jedis
import redis.clients.jedis.exceptions.JedisConnectionException
import redis.clients.jedis.exceptions.JedisDataException

/** Module authentication: auth callbacks (at once and suspending), module users, revoking a client. */
class AuthSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.auth)))

    fun Jedis.send(vararg args: String): Any? = decodeReply(sendCommand({ args[0].toByteArray() }, *args.drop(1).map { it.toByteArray() }.toTypedArray()))
    fun Jedis.error(vararg args: String): String = shouldThrow<JedisDataException> { send(*args) }.message.orEmpty()
    fun ValkeyServer.changes(): List<*> = call("AUTHFX.CHANGES") as List<*>
    fun ValkeyServer.users() {
        call("ACL", "SETUSER", "alice", "reset", "on", ">alice-server-pass", "~*", "+@all")
        call("ACL", "SETUSER", "bob", "reset", "on", ">bob-server-pass", "~*", "+@all")
    }

    beforeEach { server.users() }
    afterEach { awaitUntil("blocked_clients back to 0") { server.info("clients", "blocked_clients") == "0" } }

    test("AUTH handled by the module: a password only the module knows authenticates the ACL user") {
        server.newClient().use { client ->
            client.auth("alice", "open-sesame") shouldBe "OK"
            client.aclWhoAmI() shouldBe "alice"
            // HELLO ... AUTH goes through the same callback.
            (client.send("HELLO", "2", "AUTH", "alice", "open-sesame") as List<*>) shouldContain "valkey"
        }
    }

    test("denied by the module: the client reads its message, ACL LOG has the module's entry, no password is tried") {
        server.call("ACL", "SETUSER", "alice", ">locked") // the server would accept this password
        server.call("ACL", "LOG", "RESET")
        server.newClient().use { client ->
            shouldThrow<JedisDataException> { client.auth("alice", "locked") }.message shouldBe "WRONGPASS alice is locked out by authfx"
            client.aclWhoAmI() shouldBe "default"
        }
        @Suppress("UNCHECKED_CAST")
        val entry = ((server.call("ACL", "LOG") as List<*>).first() as List<Any?>).chunked(2).associate { (k, v) -> k to v }
        entry["username"] shouldBe "alice"
        entry["context"] shouldBe "module"
        entry["reason"] shouldBe "auth"
        entry["object"] shouldBe "authfx lockout"
    }

    test("a callback that throws denies, and the client reads nothing of the module's internals") {
        server.newClient().use { client ->
            val error = shouldThrow<JedisDataException> { client.auth("crash", "x") }.message.orEmpty()
            error shouldBe "ERR authentication failed (an error in a module; see the server log)"
            error shouldNotContain "10.0.0.7"
            client.aclWhoAmI() shouldBe "default"
        }
        server.log() shouldContain "module 'authfx': an auth callback threw java.lang.IllegalStateException: the secret vault is at 10.0.0.7"
    }

    test("not handled: the server's own passwords decide") {
        server.newClient().use { client ->
            client.auth("alice", "alice-server-pass") shouldBe "OK"
            client.aclWhoAmI() shouldBe "alice"
            shouldThrow<JedisDataException> { client.auth("bob", "wrong") }.message.orEmpty() shouldStartWith "WRONGPASS invalid username-password pair"
            client.aclWhoAmI() shouldBe "alice"
        }
    }

    test("a suspending callback answers after its delay; the server serves other clients meanwhile, and AUTH's stats count the wait") {
        server.call("CONFIG", "RESETSTAT")
        val started = System.nanoTime()
        val slow = CompletableFuture.supplyAsync {
            server.newClient().use { client -> client.auth("slow-bob", "800") + " " + client.aclWhoAmI() }
        }
        awaitUntil("the authenticating client blocks") { server.info("clients", "blocked_clients") == "1" }
        repeat(20) { server.call("PING") shouldBe "PONG" }
        server.call("SET", "k", "v") shouldBe "OK"
        server.info("clients", "blocked_clients") shouldBe "1" // all of that while the AUTH waited
        slow.get(10, TimeUnit.SECONDS) shouldBe "OK bob"
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) shouldBeGreaterThanOrEqual 800L
        val stats = server.info("commandstats", "cmdstat_auth")
        stats shouldContain "calls=1,"
        Regex("usec_per_call=([0-9.]+)").find(stats)!!.groupValues[1].toDouble().toLong() shouldBeGreaterThanOrEqual 800_000L

        server.newClient().use { client ->
            shouldThrow<JedisDataException> { client.auth("slow-bob", "301") }.message shouldBe "ERR slow check said no after 301 ms"
            // Past the callback's 2 s timeout: denied, and the coroutine cancelled.
            shouldThrow<JedisDataException> { client.auth("slow-bob", "5000") }.message shouldBe "ERR authentication timed out"
            client.aclWhoAmI() shouldBe "default"
        }
    }

    test("a suspending callback inside MULTI: the client is not blocked, and is denied") {
        // Raw bytes: MULTI, AUTH, EXEC and ACL WHOAMI in one go, then everything up to WHOAMI's reply.
        val replies = java.net.Socket("127.0.0.1", server.port).use { socket ->
            socket.soTimeout = 10_000
            val commands = listOf(listOf("MULTI"), listOf("AUTH", "slow-bob", "10"), listOf("EXEC"), listOf("ACL", "WHOAMI"))
            socket.getOutputStream().write(commands.joinToString("") { args ->
                "*${args.size}\r\n" + args.joinToString("") { "\$${it.length}\r\n$it\r\n" }
            }.toByteArray())
            val received = StringBuilder()
            val buffer = ByteArray(1024)
            while (!received.endsWith("\$7\r\ndefault\r\n")) {
                val n = socket.getInputStream().read(buffer)
                check(n > 0) { "connection closed after: $received" }
                received.append(String(buffer, 0, n, Charsets.ISO_8859_1))
            }
            received.toString()
        }
        // Valkey 8.0 drops the error of any failed AUTH inside EXEC (its own WRONGPASS too); 9.x shows the
        // server's error for a module that blocks in a transaction.
        val error = if (server.info("server", "valkey_version").substringBefore('.').toInt() >= 9)
            "-ERR Blocking module command called from transaction\r\n" else ""
        replies shouldBe "+OK\r\n+QUEUED\r\n*1\r\n$error\$7\r\ndefault\r\n"
        server.info("clients", "blocked_clients") shouldBe "0"
    }

    test("a module user: its ACL rules are enforced on the clients authenticated as it") {
        server.call("AUTHFX.MKUSER", "on ~cache:* +get +set +acl|whoami +authfx.login") shouldBe "OK"
        (server.call("AUTHFX.RULES") as String) shouldContain "~cache:*"
        server.newClient().use { client ->
            val id = client.clientId()
            client.send("AUTHFX.LOGIN") shouldBe id
            client.aclWhoAmI() shouldBe "reader"
            client.set("cache:a", "1") shouldBe "OK"
            client.get("cache:a") shouldBe "1"
            client.error("SET", "other", "1") shouldStartWith "NOPERM"
            client.error("DEL", "cache:a") shouldStartWith "NOPERM"
        }
        // Through the auth callback too.
        server.newClient().use { client ->
            client.auth("reader", "reader-pass") shouldBe "OK"
            client.aclWhoAmI() shouldBe "reader"
            client.error("GET", "other") shouldStartWith "NOPERM"
        }
        // Rules the server refuses are clear errors; a user that is off cannot be authenticated.
        server.errorReply("AUTHFX.MKUSER", "on +nosuchcommand") shouldContain "the server refused the ACL rules for module user 'reader'"
        server.call("AUTHFX.MKUSER", "on ~* +@all") shouldBe "OK"
        server.errorReply("AUTHFX.RULE", "bogus") shouldBe "ERR the server refused the ACL rule 'bogus' for module user 'reader'"
        server.errorReply("AUTHFX.RULE", "#not-a-hash") shouldContain "(a password rule)"
        server.call("AUTHFX.RULE", "off") shouldBe "OK"
        server.newClient().use { client ->
            client.error("AUTHFX.LOGIN") shouldBe "ERR cannot authenticate the client: module user 'reader' is off, or the context has no real client"
            shouldThrow<JedisDataException> { client.auth("reader", "reader-pass") }.message.orEmpty() shouldStartWith "WRONGPASS"
            client.aclWhoAmI() shouldBe "default"
        }
        server.log() shouldContain "allowed allow(reader), which the server refused"
    }

    test("a client deauthenticated and closed; its listener hears of it, as it does of a new AUTH and a freed user") {
        server.changes()
        server.newClient().use { client ->
            val id = client.send("AUTHFX.LOGINACL", "alice") as Long
            client.aclWhoAmI() shouldBe "alice"
            server.call("AUTHFX.KICK", id.toString()) shouldBe 1L
            shouldThrow<JedisConnectionException> { client.ping() }
            awaitUntil("the listener hears of client $id") { server.changes().contains(id) }
        }
        server.call("AUTHFX.KICK", "987654321") shouldBe 0L
        server.errorReply("AUTHFX.LOGINACL", "nobody") shouldBe
            "ERR cannot authenticate the client: no ACL user 'nobody', or it is off, or the context has no real client"

        // Authenticated by the callback, then again with the server's password: the listener runs once.
        server.newClient().use { client ->
            client.auth("alice", "open-sesame") shouldBe "OK"
            client.auth("alice", "alice-server-pass") shouldBe "OK"
            client.auth("alice", "alice-server-pass") shouldBe "OK"
            val id = client.clientId()
            awaitUntil("the listener hears of client $id") { server.changes().count { it == id } == 1 }
            server.changes().count { it == id } shouldBe 0 // once only
        }

        // Freeing a module user closes its clients.
        server.call("AUTHFX.MKUSER", "on ~* +@all") shouldBe "OK"
        server.newClient().use { client ->
            val id = client.send("AUTHFX.LOGIN") as Long
            server.call("AUTHFX.FREEUSER") shouldBe "OK"
            shouldThrow<JedisConnectionException> { client.ping() }
            awaitUntil("the listener hears of client $id") { server.changes().contains(id) }
        }
    }

    test("a command's secret arguments are redacted from SLOWLOG") {
        server.call("CONFIG", "SET", "slowlog-log-slower-than", "0")
        server.call("SLOWLOG", "RESET")
        server.newClient().use { client -> client.send("AUTHFX.LOGINACL", "alice") }
        server.call("CONFIG", "SET", "slowlog-log-slower-than", "10000")
        val logged = (server.call("SLOWLOG", "GET") as List<*>).map { (it as List<*>)[3] }
        logged shouldContain listOf("AUTHFX.LOGINACL", "(redacted)")
    }

    test("unloading the module: refused while an authentication is blocked; afterwards its users are freed and its callbacks gone") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.auth) }).use { solo ->
            solo.users()
            solo.call("AUTHFX.MKUSER", "on ~* +@all") shouldBe "OK"
            val asReader = solo.newClient()
            asReader.send("AUTHFX.LOGIN")
            val slow = CompletableFuture.supplyAsync { solo.newClient().use { client -> client.auth("slow-bob", "1000") } }
            awaitUntil("the authenticating client blocks") { solo.info("clients", "blocked_clients") == "1" }
            solo.errorReply("MODULE", "UNLOAD", "authfx") shouldContain "the module has blocked clients"
            slow.get(10, TimeUnit.SECONDS) shouldBe "OK"

            solo.call("MODULE", "UNLOAD", "authfx") shouldBe "OK"
            shouldThrow<JedisConnectionException> { asReader.ping() }
            solo.newClient().use { client ->
                shouldThrow<JedisDataException> { client.auth("alice", "open-sesame") }.message.orEmpty() shouldStartWith "WRONGPASS"
                client.auth("alice", "alice-server-pass") shouldBe "OK"
            }
        }
    }
})
