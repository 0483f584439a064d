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

    test("callAs runs a call as a module user: its rules decide, a denial is logged under its name, a script runs as it") {
        server.call("SET", "callas:k", "v") shouldBe "OK"
        server.call("ACL", "LOG", "RESET") shouldBe "OK"
        server.call("ACLFX.CALLAS", "on ~* +@all -set", "GET", "callas:k") shouldBe "v"
        server.errorReply("ACLFX.CALLAS", "on ~* +@all -set", "SET", "callas:k", "w") shouldBe
            "NOPERM User fixture_user has no permissions to run the 'set' command"
        server.errorReply("ACLFX.CALLAS", "on ~other:* +@all", "GET", "callas:k") shouldStartWith "NOPERM"
        val entries = server.call("ACL", "LOG") as List<*>
        entries.size shouldBe 2
        val denial = (entries.last() as List<*>).chunked(2).associate { (k, v) -> k to v }
        denial["username"] shouldBe "fixture_user"
        denial["context"] shouldBe "module"
        denial["object"] shouldBe "set"
        denial["reason"] shouldBe "command"
        server.call("GET", "callas:k") shouldBe "v"
        server.errorReply("ACLFX.CALLAS", "on ~* +@all -set", "EVAL", "return server.call('SET', KEYS[1], 'w')", "1", "callas:k") shouldContain
            "ACL failure in script"
        // The default client's own user is untouched: it still may write.
        server.call("SET", "callas:k", "w") shouldBe "OK"
    }

    test("callAs with a closed user is a clear error, and the server goes on") {
        server.errorReply("ACLFX.CALLASCLOSED") shouldContain "module user 'fixture_user' is closed"
        server.call("PING") shouldBe "PONG"
    }

    test("a client by id: its address, database, name, user and certificate; setClientName names it") {
        server.call("ACL", "SETUSER", "bob", "on", ">pw", "~*", "+@all") shouldBe "OK"
        server.newClient().use { other ->
            other.auth("bob", "pw")
            other.select(3)
            val id = other.clientId().toString()
            server.call("ACLFX.CLIENT", id) shouldBe listOf("127.0.0.1", 3L, null, "bob", null)
            server.call("ACLFX.SETCLIENTNAME", id, "worker-1") shouldBe 1L
            other.clientGetname() shouldBe "worker-1"
            (server.call("ACLFX.CLIENT", id) as List<*>)[2] shouldBe "worker-1"
            server.call("ACLFX.SETCLIENTNAME", id, "") shouldBe 1L
            other.clientGetname() shouldBe null
        }
        server.call("ACLFX.CLIENT", "999999") shouldBe null
        server.call("ACLFX.SETCLIENTNAME", "999999", "x") shouldBe 0L
    }

    test("setClientName refuses a name CLIENT SETNAME would refuse, saying why") {
        server.errorReply("ACLFX.SETCLIENTNAME", server.call("CLIENT", "ID").toString(), "two words") shouldBe
            "ERR Invalid argument: a client name cannot contain spaces, newlines or special characters, as CLIENT SETNAME says"
        server.call("PING") shouldBe "PONG"
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
