package io.valkeyjvm.examples.javacalls

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.Jedis
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand

internal val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
internal val javaCallsModule: ValkeyModuleLoad get() = ValkeyModuleLoad(moduleDir.resolve("javacalls.so"))

/** Sends a command with binary arguments; the raw reply (byte arrays for strings). */
internal fun Jedis.sendRaw(vararg args: ByteArray): Any? = sendCommand(ProtocolCommand { args[0] }, *args.drop(1).toTypedArray())

/** Sends a command; the reply with strings decoded. */
internal fun Jedis.send(vararg args: String): Any? = decodeReply(sendRaw(*args.map { it.toByteArray() }.toTypedArray()))

/** JAVACALLS.CALL and JAVACALLS.TRY: calls with flags, typed replies, refusals and their reasons. */
class JavaCallsCallingSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(javaCallsModule))

    fun tryCall(vararg args: String) = server.call("JAVACALLS.TRY", *args)

    test("a call's reply passes through to the client as is, byte for byte") {
        val everyByte = ByteArray(256) { it.toByte() }
        decodeReply(server.client.sendRaw("JAVACALLS.CALL".toByteArray(), "-".toByteArray(), "SET".toByteArray(), "bytes".toByteArray(), everyByte)) shouldBe "OK"
        (server.client.sendRaw("JAVACALLS.CALL".toByteArray(), "-".toByteArray(), "GET".toByteArray(), "bytes".toByteArray()) as ByteArray)
            .toList() shouldBe everyByte.toList()
        server.call("JAVACALLS.CALL", "-", "RPUSH", "list", "a", "b") shouldBe 2L
        server.call("JAVACALLS.CALL", "-", "LRANGE", "list", "0", "-1") shouldBe listOf("a", "b")
        server.call("JAVACALLS.CALL", "-", "GET", "missing") shouldBe null
    }

    test("a RESP3 client gets a map as a map, and RESP2 turns it into a flat array") {
        server.call("HSET", "hash", "field", "value") shouldBe 1L
        server.newClient(RedisProtocol.RESP3).use { client ->
            // Jedis reads a RESP3 map as key-value pairs, a flat array as plain elements.
            client.send("JAVACALLS.CALL", "-", "HGETALL", "hash") shouldBe listOf("field" to "value")
            client.send("JAVACALLS.CALL", "resp2", "HGETALL", "hash") shouldBe listOf("field", "value")
        }
    }

    test("the typed reply: each RESP type, and bytes that are not text") {
        server.call("SET", "counter", "5")
        server.call("SADD", "set", "member")
        server.call("SET", "binary", "a\u0000b\r\n")
        tryCall("-", "GET", "counter") shouldBe listOf("ok", "bulk \"5\"")
        tryCall("-", "GET", "binary") shouldBe listOf("ok", "bulk \"a\\x00b\\x0d\\x0a\"")
        tryCall("-", "INCR", "counter") shouldBe listOf("ok", "integer 6")
        tryCall("-", "SET", "plain", "text") shouldBe listOf("ok", "simple OK")
        tryCall("-", "GET", "missing") shouldBe listOf("ok", "null")
        tryCall("-", "SMEMBERS", "set") shouldBe listOf("ok", "set [bulk \"member\"]")
        tryCall("-", "LRANGE", "missing", "0", "-1") shouldBe listOf("ok", "array []")
        tryCall("-", "HSET", "h", "f", "v") shouldBe listOf("ok", "integer 1")
        tryCall("-", "HGETALL", "h") shouldBe listOf("ok", "map {bulk \"f\" => bulk \"v\"}")
        tryCall("resp2", "HGETALL", "h") shouldBe listOf("ok", "array [bulk \"f\", bulk \"v\"]")
        tryCall("-", "DEBUG", "PROTOCOL", "double") shouldBe listOf("ok", "double 3.141")
        tryCall("-", "DEBUG", "PROTOCOL", "true") shouldBe listOf("ok", "boolean true")
        tryCall("-", "DEBUG", "PROTOCOL", "bignum") shouldBe listOf("ok", "big number 1234567999999999999999999999999999999")
        tryCall("-", "DEBUG", "PROTOCOL", "verbatim") shouldBe listOf("ok", "verbatim txt \"This is a verbatim\\x0astring\"")
    }

    test("a command that ran and failed is an error; one the server would not run is refused, with the reason") {
        server.call("SET", "text", "not a number")
        tryCall("-", "INCR", "text") shouldBe listOf("error", "ERR value is not an integer or out of range")
        tryCall("-", "NOSUCH", "a") shouldBe listOf("refused", "UNKNOWN_COMMAND", "ERR unknown command 'NOSUCH', with args beginning with: 'a' ")
        tryCall("-", "GET") shouldBe listOf("refused", "WRONG_ARITY", "ERR wrong number of arguments for 'get' command")
        // JAVACALLS.CALL passes both on as its own error reply.
        server.errorReply("JAVACALLS.CALL", "-", "INCR", "text") shouldBe "ERR value is not an integer or out of range"
        server.errorReply("JAVACALLS.CALL", "-", "GET") shouldBe "ERR wrong number of arguments for 'get' command"
    }

    test("NO_WRITES refuses a write; EXACT_ERRORS makes the refusal an error with the server's line") {
        server.call("SET", "guarded", "1")
        tryCall("no_writes", "SET", "guarded", "2") shouldBe
            listOf("refused", "WRITE_OR_OOM", "ERR Write command 'set' was called while write is not allowed.")
        tryCall("no_writes,exact_errors", "SET", "guarded", "2") shouldBe
            listOf("error", "ERR Write command 'set' was called while write is not allowed.")
        tryCall("no_writes", "GET", "guarded") shouldBe listOf("ok", "bulk \"1\"")
        server.call("GET", "guarded") shouldBe "1"
    }

    test("DRY_RUN checks a call without running it") {
        tryCall("dry_run", "SET", "dry", "1") shouldBe listOf("ok", "null")
        server.call("EXISTS", "dry") shouldBe 0L
        tryCall("dry_run", "NOSUCH") shouldBe listOf("refused", "UNKNOWN_COMMAND", "ERR unknown command 'NOSUCH', with args beginning with: ")
    }

    test("SCRIPT_MODE refuses what a script may not run, and runs the rest") {
        tryCall("script_mode", "SHUTDOWN") shouldBe listOf("refused", "SCRIPT_MODE", "ERR command 'shutdown' is not allowed on script mode")
        tryCall("script_mode", "SET", "scripted", "1") shouldBe listOf("ok", "simple OK")
        server.call("PING") shouldBe "PONG"
    }

    test("RESPECT_DENY_OOM refuses a deny-oom command past maxmemory, as the server refuses a client") {
        server.call("SET", "before-oom", "1")
        server.call("CONFIG", "SET", "maxmemory", "1") shouldBe "OK"
        try {
            tryCall("respect_deny_oom", "SET", "oom", "1") shouldBe
                listOf("refused", "WRITE_OR_OOM", "OOM command not allowed when used memory > 'maxmemory'.")
            tryCall("respect_deny_oom", "GET", "before-oom") shouldBe listOf("ok", "bulk \"1\"")
            // Without the flag a module's call writes all the same.
            tryCall("-", "SET", "oom", "1") shouldBe listOf("ok", "simple OK")
        } finally {
            server.call("CONFIG", "SET", "maxmemory", "0")
        }
    }

    test("AS_USER runs the call with the client's ACL user: a denial is refused, named and logged") {
        server.call("SET", "acl:k", "v")
        server.call("ACL", "SETUSER", "caller", "on", "nopass", "+@javacalls", "+get", "~*") shouldBe "OK"
        server.newClient().use { caller ->
            caller.auth("caller", "any") shouldBe "OK"
            fun tryAsCaller(vararg args: String) = caller.send("JAVACALLS.TRY", *args)
            tryAsCaller("as_user", "GET", "acl:k") shouldBe listOf("ok", "bulk \"v\"")
            tryAsCaller("as_user", "SET", "acl:k", "w") shouldBe
                listOf("refused", "ACL_DENIED", "NOPERM User caller has no permissions to run the 'set' command")
            tryAsCaller("as_user,exact_errors", "SET", "acl:k", "w") shouldBe
                listOf("error", "NOPERM User caller has no permissions to run the 'set' command")
            // Without AS_USER the module's call is not checked against the client's user.
            tryAsCaller("-", "SET", "acl:k", "w") shouldBe listOf("ok", "simple OK")
        }
        val entry = (server.call("ACL", "LOG", "1") as List<*>)[0] as List<*>
        val fields = entry.chunked(2).associate { it[0] to it[1] }
        fields["username"] shouldBe "caller"
        fields["context"] shouldBe "module"
        fields["object"] shouldBe "set"
        server.call("ACL", "DELUSER", "caller")
    }

    test("bad input: unknown flags, contradicting flags, wrong arity; the server keeps answering") {
        server.errorReply("JAVACALLS.CALL", "bogus", "GET", "k") shouldBe "ERR unknown call flag 'bogus'; use - or some of " +
            "[NOT_PROPAGATED, REPLICAS_ONLY, AOF_ONLY, AS_USER, SCRIPT_MODE, NO_WRITES, RESPECT_DENY_OOM, DRY_RUN, RESP2, EXACT_ERRORS]"
        server.errorReply("JAVACALLS.CALL", "as_user,,no_writes", "GET", "k") shouldStartWith "ERR unknown call flag ''"
        server.errorReply("JAVACALLS.CALL", "replicas_only,aof_only", "SET", "k", "1") shouldBe
            "ERR call flags REPLICAS_ONLY and AOF_ONLY together would propagate nowhere; use NOT_PROPAGATED"
        server.errorReply("JAVACALLS.CALL", "-") shouldBe "ERR wrong number of arguments for 'javacalls.call' command"
        server.errorReply("JAVACALLS.TRY") shouldBe "ERR wrong number of arguments for 'javacalls.try' command"
        server.call("PING") shouldBe "PONG"
    }
})
