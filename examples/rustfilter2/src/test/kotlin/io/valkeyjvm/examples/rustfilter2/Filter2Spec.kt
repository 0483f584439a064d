package io.valkeyjvm.examples.rustfilter2

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
// Built before this module: examples/pom.xml lists rustfilter1 first.
private val filter1Module: Path = moduleDir.resolve("../../rustfilter1/target/rustfilter1.so")

/**
 * The Rust SDK's test_filter (tests/integration.rs): filter1 at start, filter2 loaded beside it,
 * filter1 unloaded at the end; and filter2's own part, the auth callback and the user names its
 * filter sees.
 */
class Filter2Spec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(filter1Module)) { config("loglevel", "debug") })

    fun authError(user: String, password: String): String =
        server.newClient().use { client ->
            try {
                client.auth(user, password)
                throw AssertionError("AUTH $user $password succeeded")
            } catch (denied: JedisDataException) {
                denied.message.orEmpty()
            }
        }

    test("MODULE LOAD filter2 beside filter1: both filter, filter1's rewrites still apply") {
        server.call("MODULE", "LOAD", moduleDir.resolve("rustfilter2.so").toString()) shouldBe "OK"
        server.modules().keys shouldBe setOf("filter1", "filter2")
        server.call("INFO") shouldBe "info2\n"
        server.call("SET", "foo", "bar") shouldBe "OK"
        server.call("GET", "new_key") shouldBe "new_value"
    }

    test("AUTH as an ACL user that is on succeeds through filter2 whatever the password, and its filter sees the user") {
        server.call("ACL", "SETUSER", "alice", "on", ">secret", "~*", "+@all") shouldBe "OK"
        server.newClient().use { client ->
            client.auth("alice", "not the password") shouldBe "OK"
            client.aclWhoAmI() shouldBe "alice"
            val id = client.clientId()
            client.ping()
            server.log() shouldContain "<filter2> client $id runs PING as alice"
        }
    }

    test("a client that has not authenticated runs as default") {
        server.newClient().use { client ->
            val id = client.clientId()
            client.ping()
            server.log() shouldContain "<filter2> client $id runs PING as default"
        }
    }

    test("unknown users and users that are off pass on to the server's passwords") {
        authError("nobody", "x") shouldContain "WRONGPASS"
        server.call("ACL", "SETUSER", "bob", "off", ">pw", "~*", "+@all") shouldBe "OK"
        authError("bob", "pw") shouldContain "WRONGPASS"
        server.log() shouldNotContain "which the server refused"
    }

    test("after MODULE UNLOAD filter1, INFO and SET are the server's; filter2 still authenticates") {
        server.call("MODULE", "UNLOAD", "filter1") shouldBe "OK"
        (server.call("INFO") as String) shouldNotContain "info2"
        server.call("SET", "foo", "bar") shouldBe "OK"
        server.call("GET", "foo") shouldBe "bar"
        server.newClient().use { it.auth("alice", "anything") shouldBe "OK" }
    }
})
