package io.valkeyjvm.examples.helloacl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.net.Socket
import java.net.SocketTimeoutException
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import redis.clients.jedis.Jedis
import redis.clients.jedis.commands.ProtocolCommand
import redis.clients.jedis.exceptions.JedisConnectionException
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** Sends a command through this client and decodes its reply as the kit's `server.call` does. */
private fun Jedis.call(vararg args: String): Any? =
    decodeReply(sendCommand(ProtocolCommand { args[0].toByteArray() }, *args.copyOfRange(1, args.size)))

/** The error line a command through this client replies. */
private fun Jedis.errorOf(vararg args: String): String = shouldThrow<JedisDataException> { call(*args) }.message.orEmpty()

/**
 * A client that speaks plain RESP, for a connection that starts unauthenticated: Jedis opens
 * with HELLO, which such a client may not send. [send] returns the reply's line (a bulk
 * string's content), as sent: "+OK", "-NOAUTH ...".
 */
private class PlainClient(port: Int) : AutoCloseable {
    private val socket = Socket("127.0.0.1", port).apply { soTimeout = 10_000 }
    private val input = socket.getInputStream().bufferedReader()

    fun send(vararg args: String): String {
        write(*args)
        val line = input.readLine()
        return if (line.startsWith("$")) input.readLine() else line
    }

    /** Sends a command without waiting for its reply. */
    fun write(vararg args: String) {
        val request = StringBuilder("*${args.size}\r\n")
        for (arg in args) request.append('$').append(arg.toByteArray().size).append("\r\n").append(arg).append("\r\n")
        socket.getOutputStream().apply { write(request.toString().toByteArray()); flush() }
    }

    /** Everything the server sends until it closes the connection. */
    fun readToEnd(): String = input.readText()

    override fun close() = socket.close()
}

/** True if the server answers PING within 100 ms (a server in DEBUG SLEEP does not). */
private fun answersPing(port: Int): Boolean =
    Socket("127.0.0.1", port).use { socket ->
        socket.soTimeout = 100
        socket.getOutputStream().apply { write("PING\r\n".toByteArray()); flush() }
        try {
            socket.getInputStream().bufferedReader().readLine() == "+PONG"
        } catch (_: SocketTimeoutException) {
            false
        }
    }

class HelloAclSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("helloacl.so"))))

    fun isConnected(id: Long): Boolean = (server.call("CLIENT", "LIST") as String).lines().any { it.startsWith("id=$id ") }

    /** Runs [block] while the default user needs a password, so that new clients start unauthenticated. */
    fun withoutDefaultLogin(block: () -> Unit) {
        server.call("ACL", "SETUSER", "default", "resetpass", ">letmein") shouldBe "OK"
        try {
            block()
        } finally {
            server.call("ACL", "SETUSER", "default", "nopass") shouldBe "OK"
        }
    }

    afterTest { server.call("HELLOACL.RESET") }

    test("HELLOACL.AUTHGLOBAL makes its client the module user 'global', with every command and key") {
        server.newClient().use { client ->
            client.call("HELLOACL.AUTHGLOBAL") shouldBe "OK"
            client.call("ACL", "WHOAMI") shouldBe "global"
            client.call("SET", "k", "v") shouldBe "OK"
            client.call("GET", "k") shouldBe "v"
        }
    }

    test("one client at a time: while it is used, HELLOACL.AUTHGLOBAL is refused") {
        server.newClient().use { first ->
            first.call("HELLOACL.AUTHGLOBAL") shouldBe "OK"
            server.newClient().use { second ->
                second.errorOf("HELLOACL.AUTHGLOBAL") shouldBe "Global user currently used"
                second.call("ACL", "WHOAMI") shouldBe "default"
            }
        }
    }

    test("HELLOACL.AUTHGLOBAL needs no authentication (no-auth)") {
        withoutDefaultLogin {
            PlainClient(server.port).use { client ->
                client.send("GET", "k") shouldStartWith "-NOAUTH"
                client.send("HELLOACL.AUTHGLOBAL") shouldBe "+OK"
                client.send("ACL", "WHOAMI") shouldBe "global"
            }
        }
    }

    test("HELLOACL.REVOKE closes the client that is 'global', which frees the user for another") {
        val holder = server.newClient()
        holder.call("HELLOACL.AUTHGLOBAL") shouldBe "OK"
        val id = holder.clientId()
        server.call("HELLOACL.REVOKE") shouldBe "OK"
        awaitUntil("the revoked client to be closed") { !isConnected(id) }
        shouldThrow<JedisConnectionException> { holder.call("PING") }
        holder.close()
        server.errorReply("HELLOACL.REVOKE") shouldBe "Global user currently not used"
        server.newClient().use { it.call("HELLOACL.AUTHGLOBAL") shouldBe "OK" }
    }

    test("HELLOACL.REVOKE with no client being 'global' is an error") {
        server.errorReply("HELLOACL.REVOKE") shouldBe "Global user currently not used"
    }

    test("a 'global' client that disconnects frees the user") {
        server.newClient().use { it.call("HELLOACL.AUTHGLOBAL") shouldBe "OK" }
        server.newClient().use { client ->
            awaitUntil("the user to be free again") { runCatching { client.call("HELLOACL.AUTHGLOBAL") }.isSuccess }
            client.call("ACL", "WHOAMI") shouldBe "global"
        }
    }

    test("HELLOACL.RESET makes the user anew and disconnects the client that was 'global'") {
        val holder = server.newClient()
        holder.call("HELLOACL.AUTHGLOBAL") shouldBe "OK"
        val id = holder.clientId()
        server.call("HELLOACL.RESET") shouldBe "OK"
        awaitUntil("the old user's client to be closed") { !isConnected(id) }
        holder.close()
        server.errorReply("HELLOACL.REVOKE") shouldBe "Global user currently not used"
        server.newClient().use { client ->
            client.call("HELLOACL.AUTHGLOBAL") shouldBe "OK"
            client.call("ACL", "WHOAMI") shouldBe "global"
        }
    }

    test("HELLOACL.AUTHASYNC authenticates its client as an ACL user, with no authentication before (no-auth)") {
        server.call("ACL", "SETUSER", "alice", "on", "nopass", "~*", "+@all") shouldBe "OK"
        withoutDefaultLogin {
            PlainClient(server.port).use { client ->
                client.send("PING") shouldStartWith "-NOAUTH"
                client.send("HELLOACL.AUTHASYNC", "alice") shouldBe "+OK"
                client.send("ACL", "WHOAMI") shouldBe "alice"
            }
        }
        server.info("clients", "blocked_clients") shouldBe "0"
    }

    test("HELLOACL.AUTHASYNC refuses an unknown user and a disabled one, and leaves the client as it was") {
        server.call("ACL", "SETUSER", "carol", "off", "nopass", "~*", "+@all") shouldBe "OK"
        server.newClient().use { client ->
            client.errorOf("HELLOACL.AUTHASYNC", "nobody") shouldBe "Invalid Username or password"
            client.errorOf("HELLOACL.AUTHASYNC", "carol") shouldBe "Invalid Username or password"
            client.call("ACL", "WHOAMI") shouldBe "default"
        }
    }

    test("HELLOACL.AUTHASYNC takes exactly one name") {
        server.errorReply("HELLOACL.AUTHASYNC") shouldBe "ERR wrong number of arguments for 'helloacl.authasync' command"
        server.errorReply("HELLOACL.AUTHASYNC", "a", "b") shouldBe "ERR wrong number of arguments for 'helloacl.authasync' command"
    }

    test("a client killed while its HELLOACL.AUTHASYNC is pending gets no reply and leaves nothing behind") {
        server.call("ACL", "SETUSER", "dave", "on", "nopass", "~*", "+@all") shouldBe "OK"
        PlainClient(server.port).use { victim ->
            PlainClient(server.port).use { killer ->
                val id = victim.send("CLIENT", "ID").removePrefix(":")
                // While the main thread sleeps, the command and the kill wait for the same turn of
                // the event loop: the kill finds the client blocked, before its reply is written.
                val sleeping = server.callInBackground("DEBUG", "SLEEP", "1")
                awaitUntil("the server to sleep") { !answersPing(server.port) }
                victim.write("HELLOACL.AUTHASYNC", "dave")
                Thread.sleep(50)
                killer.send("CLIENT", "KILL", "ID", id) shouldBe ":1"
                sleeping.get(10, TimeUnit.SECONDS) shouldBe "OK"
                victim.readToEnd() shouldBe ""
            }
        }
        awaitUntil("no client to be blocked") { server.info("clients", "blocked_clients") == "0" }
        server.newClient().use { client ->
            client.call("HELLOACL.AUTHASYNC", "dave") shouldBe "OK"
            client.call("ACL", "WHOAMI") shouldBe "dave"
        }
        server.log().lines().filter { it.contains(" # <") } shouldBe emptyList()
    }
})
