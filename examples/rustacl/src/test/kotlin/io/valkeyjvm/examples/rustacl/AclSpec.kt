package io.valkeyjvm.examples.rustacl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.Jedis
import redis.clients.jedis.exceptions.JedisDataException

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/**
 * The Rust SDK's test_get_current_user, test_verify_acl_on_user and test_acl_categories
 * (tests/integration.rs), against one server.
 */
class AclSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustacl.so"))))

    fun Jedis.send(vararg args: String): Any? = decodeReply(sendCommand({ args[0].toByteArray() }, *args.drop(1).map { it.toByteArray() }.toTypedArray()))
    fun commandsIn(category: String): List<*> = server.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", category) as List<*>

    beforeSpec {
        server.call("ACL", "SETUSER", "alice", "on", ">pass", "~cached:*", "+get", "+get_current_user") shouldBe "OK"
    }

    test("GET_CURRENT_USER: default, then the user the client authenticated as") {
        server.call("GET_CURRENT_USER") shouldBe "default"
        server.newClient().use { client ->
            client.auth("alice", "pass")
            client.send("GET_CURRENT_USER") shouldBe "alice"
        }
    }

    test("VERIFY_KEY_ACCESS_FOR_USER: OK where the user's key patterns allow the key") {
        server.call("VERIFY_KEY_ACCESS_FOR_USER", "default", "x") shouldBe "OK"
        server.call("VERIFY_KEY_ACCESS_FOR_USER", "alice", "cached:1") shouldBe "OK"
    }

    test("VERIFY_KEY_ACCESS_FOR_USER: an error for a key outside them, and for a user the server does not know") {
        server.errorReply("VERIFY_KEY_ACCESS_FOR_USER", "alice", "not_allow") shouldBe "Err User does not have permissions on key"
        server.errorReply("VERIFY_KEY_ACCESS_FOR_USER", "nobody", "cached:1") shouldBe "Err User does not exists or disabled"
        // Read-only patterns do not allow every use.
        server.call("ACL", "SETUSER", "reader", "on", "nopass", "%R~cached:*") shouldBe "OK"
        server.errorReply("VERIFY_KEY_ACCESS_FOR_USER", "reader", "cached:1") shouldBe "Err User does not have permissions on key"
        server.errorReply("VERIFY_KEY_ACCESS_FOR_USER", "alice") shouldBe
            "ERR wrong number of arguments for 'verify_key_access_for_user' command"
    }

    test("COMMAND LIST FILTERBY ACLCAT finds the commands in the server's categories and the module's own") {
        commandsIn("read") shouldContain "existing_categories"
        commandsIn("fast") shouldContain "existing_categories"
        commandsIn("admin") shouldContain "existing_categories"
        commandsIn("custom_acl_one") shouldContainAll listOf("custom_category", "custom_categories")
        commandsIn("custom_acl_two") shouldBe listOf("custom_categories")
        (server.call("ACL", "CAT") as List<*>) shouldContainAll listOf("custom_acl_one", "custom_acl_two")
    }

    test("the commands in categories reply OK, to users whose rules grant those categories") {
        for (command in listOf("CUSTOM_CATEGORY", "CUSTOM_CATEGORIES", "EXISTING_CATEGORIES")) server.call(command) shouldBe "OK"
        server.call("ACL", "SETUSER", "custom", "on", "nopass", "+@custom_acl_two") shouldBe "OK"
        server.newClient().use { client ->
            client.auth("custom", "x")
            client.send("CUSTOM_CATEGORIES") shouldBe "OK"
            shouldThrow<JedisDataException> { client.send("CUSTOM_CATEGORY") }.message.orEmpty() shouldStartWith "NOPERM"
        }
        commandsIn("custom_acl_two") shouldNotContain "custom_category"
    }
})
