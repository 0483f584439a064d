package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import redis.clients.jedis.Jedis
import redis.clients.jedis.exceptions.JedisDataException

/** ACL from modules: categories of their own, and commands in categories. */
class AclSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.acl)))

    fun commandsIn(category: String): List<*> = server.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", category) as List<*>
    fun Jedis.send(vararg args: String): Any? = decodeReply(sendCommand({ args[0].toByteArray() }, *args.drop(1).map { it.toByteArray() }.toTypedArray()))
    fun Jedis.error(vararg args: String): String = shouldThrow<JedisDataException> { send(*args) }.message.orEmpty()

    test("a module's categories are the server's: ACL CAT lists them, COMMAND LIST filters by them") {
        (server.call("ACL", "CAT") as List<*>) shouldContainAll listOf("aclfx_one", "aclfx_two")
        commandsIn("aclfx_one") shouldContainAll listOf("aclfx.one", "aclfx.both")
        commandsIn("aclfx_two") shouldBe listOf("aclfx.both")
        commandsIn("read") shouldContain "aclfx.both"
        commandsIn("read") shouldNotContain "aclfx.one"
    }

    test("ACL rules on a module's category cover its commands") {
        server.call("ACL", "SETUSER", "two", "on", "nopass", "~*", "+@aclfx_two") shouldBe "OK"
        server.call("ACL", "SETUSER", "notone", "on", "nopass", "~*", "+@all", "-@aclfx_one") shouldBe "OK"
        server.newClient().use { client ->
            client.auth("two", "x")
            client.send("ACLFX.BOTH") shouldBe "OK"
            client.error("ACLFX.ONE") shouldStartWith "NOPERM"
            client.auth("notone", "x")
            client.error("ACLFX.ONE") shouldStartWith "NOPERM"
            client.error("ACLFX.BOTH") shouldStartWith "NOPERM"
            client.send("PING") shouldBe "PONG"
        }
    }

    test("userName is the user the command's client is authenticated as") {
        server.call("ACLFX.WHOAMI") shouldBe "default"
        server.call("ACL", "SETUSER", "alice", "on", ">pw", "~*", "+@all") shouldBe "OK"
        server.newClient().use { client ->
            client.auth("alice", "pw")
            client.send("ACLFX.WHOAMI") shouldBe "alice"
            client.send("ACLFX.CALLWHOAMI") shouldBe null
            client.send("EVAL", "return server.call('ACLFX.WHOAMI')", "0") shouldBe null
        }
    }

    test("aclUserCanAccessKey: what a user's key patterns allow, read and write apart") {
        server.call("ACL", "SETUSER", "reader", "on", "nopass", "%R~cache:*", "~pub:*", "+@all") shouldBe "OK"
        fun canAccess(user: String, key: String, vararg permissions: String) = server.call("ACLFX.CANACCESS", user, key, *permissions)
        canAccess("reader", "cache:1", "ACCESS") shouldBe 1L
        canAccess("reader", "cache:1", "INSERT") shouldBe 0L
        canAccess("reader", "cache:1", "ACCESS", "UPDATE") shouldBe 0L
        canAccess("reader", "cache:1", "ALL") shouldBe 0L
        canAccess("reader", "pub:x", "ALL") shouldBe 1L
        canAccess("reader", "other", "ACCESS") shouldBe 0L
        // No permission asked: whether any pattern matches at all.
        canAccess("reader", "cache:1", "NONE") shouldBe 1L
        canAccess("reader", "other", "NONE") shouldBe 0L
        canAccess("default", "anything", "ALL") shouldBe 1L
    }

    test("aclUserCanAccessKey of a user that does not exist is an error; one that is off is checked all the same") {
        server.errorReply("ACLFX.CANACCESS", "ghost", "k", "ALL") shouldBe "ERR no ACL user 'ghost'"
        server.call("ACL", "SETUSER", "sleeper", "off", "~mine:*", "+@all") shouldBe "OK"
        server.call("ACLFX.CANACCESS", "sleeper", "mine:1", "ALL") shouldBe 1L
        server.call("ACLFX.CANACCESS", "sleeper", "yours:1", "ALL") shouldBe 0L
    }

    test("the server keeps a module's categories after MODULE UNLOAD: loading it again is refused, saying why") {
        server.call("MODULE", "UNLOAD", "aclfx") shouldBe "OK"
        (server.call("ACL", "CAT") as List<*>) shouldContain "aclfx_one"
        server.moduleLoad(Modules.acl).shouldNotBeNull()
        server.log() shouldContain "module 'aclfx': ACL category 'aclfx_one' could not be added"
        server.log() shouldContain "loading it again needs a restart"
    }

    test("a category the server has already fails the load, with a line naming it") {
        server.moduleLoad(Modules.aclClash).shouldNotBeNull()
        server.log() shouldContain "module 'aclclash': ACL category 'read' could not be added"
        server.modules().keys shouldBe emptySet()
    }

    test("a command in a category nobody declares fails the load; the module's own category goes with it") {
        server.moduleLoad(Modules.aclBad).shouldNotBeNull()
        server.log() shouldContain "command 'aclbad.ping': the server refused its ACL categories 'aclbad_own no_such_category'"
        (server.call("ACL", "CAT") as List<*>) shouldNotContain "aclbad_own"
        server.errorReply("ACLBAD.PING") shouldContain "unknown command"
    }
})
