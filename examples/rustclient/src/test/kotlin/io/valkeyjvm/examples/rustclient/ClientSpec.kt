package io.valkeyjvm.examples.rustclient

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.exceptions.JedisConnectionException
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class ClientSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustclient.so"))))

    test("CLIENT.ID is CLIENT ID") {
        server.call("CLIENT.ID") shouldBe server.call("CLIENT", "ID")
    }

    test("CLIENT.SET_NAME names the client as CLIENT SETNAME; CLIENT.GET_NAME reads it back") {
        server.call("CLIENT.SET_NAME", "test_client") shouldBe 0L
        server.call("CLIENT.GET_NAME") shouldBe "test_client"
        server.call("CLIENT", "GETNAME") shouldBe "test_client"
        server.errorReply("CLIENT.SET_NAME", "has space") shouldBe "ERR Invalid argument: a client name cannot contain spaces, newlines or special characters, as CLIENT SETNAME says"
        server.errorReply("CLIENT.SET_NAME") shouldBe "ERR wrong number of arguments for 'client.set_name' command"
        server.call("CLIENT.GET_NAME") shouldBe "test_client"
    }

    test("a client without a name: CLIENT.GET_NAME is the Rust SDK's error") {
        server.newClient().use { other ->
            shouldThrow<JedisDataException> { other.sendCommand({ "CLIENT.GET_NAME".toByteArray() }) }.message shouldBe
                "Client/Client name is null"
        }
    }

    test("CLIENT.USERNAME is the client's ACL user; CLIENT.CERT without TLS is an error without a code") {
        server.call("CLIENT.USERNAME") shouldBe "default"
        server.errorReply("CLIENT.CERT") shouldBe "Client/Cert is null"
    }

    test("CLIENT.INFO replies the client info version; CLIENT.IP the client's address") {
        server.call("CLIENT.INFO") shouldBe "1"
        server.call("CLIENT.IP") shouldBe "127.0.0.1"
    }

    test("CLIENT.CONFIG_GET reads a config") {
        server.call("CLIENT.CONFIG_GET", "maxmemory-policy") shouldBe "noeviction"
        server.errorReply("CLIENT.CONFIG_GET", "no-such-config") shouldBe "Unexpected CONFIG GET response"
        server.errorReply("CLIENT.CONFIG_GET", "maxmemory*") shouldBe "Unexpected CONFIG GET response"
    }

    test("CLIENT.DEAUTH of an id no client has fails; of another client's id closes it") {
        server.errorReply("CLIENT.DEAUTH", "0") shouldBe "Failed to deauthenticate and close client"
        server.newClient().use { other ->
            val id = other.clientId()
            server.call("CLIENT.DEAUTH", id.toString()) shouldBe "OK"
            val closed = runCatching { decodeReply(other.sendCommand({ "PING".toByteArray() })) }
            (closed.exceptionOrNull() is JedisConnectionException) shouldBe true
        }
        server.call("PING") shouldBe "PONG"
    }
})
