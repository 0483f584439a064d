package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig
import java.util.concurrent.TimeUnit
import redis.clients.jedis.commands.ProtocolCommand
import redis.clients.jedis.exceptions.JedisDataException

/** Module code reaching the server's data: call in commands, and from coroutines on the main thread or under the lock. */
class ServerAccessSpec : FunSpec({
    timeout = 120_000

    test("call runs commands and turns replies into values; errors come back as error replies") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.call("FIXTURE.CALL", "SET", "k", "v") shouldBe "OK"
            server.call("FIXTURE.CALL", "GET", "k") shouldBe "v"
            server.call("FIXTURE.CALL", "RPUSH", "l", "a", "b") shouldBe 2L
            server.call("FIXTURE.CALL", "LRANGE", "l", "0", "-1") shouldBe listOf("a", "b")
            server.call("FIXTURE.CALL", "GET", "missing") shouldBe null
            // RESP3 verbatim strings (INFO) and big numbers have their own accessors.
            (server.call("FIXTURE.CALL", "INFO", "server") as String) shouldContain "valkey_version:"
            server.call("FIXTURE.CALL", "DEBUG", "PROTOCOL", "bignum") shouldBe "1234567999999999999999999999999999999"
            shouldThrow<JedisDataException> { server.command("FIXTURE.CALL", "INCR", "k") }.message shouldBe
                "ERR value is not an integer or out of range"
            shouldThrow<JedisDataException> { server.command("FIXTURE.CALL", "NOSUCHCOMMAND") }.message shouldContain "unknown command"
        }
    }

    test("a call the server refuses before running it says why; a command that ran and failed is an error, not a refusal") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            fun why(vararg args: String) = server.call("FIXTURE.CALLWHY", *args)
            why("-", "SET", "k", "1") shouldBe listOf("ran", "OK")
            why("-", "INCR", "k") shouldBe listOf("ran", 2L)
            why("-", "NOSUCH", "a") shouldBe listOf("refused UNKNOWN_COMMAND", "ERR unknown command 'NOSUCH', with args beginning with: 'a' ")   // the server's line, its last space included
            why("-", "GET") shouldBe listOf("refused WRONG_ARITY", "ERR wrong number of arguments for 'get' command")
            why("NO_WRITES", "SET", "k", "2") shouldBe listOf("refused WRITE_OR_OOM", "ERR Write command 'set' was called while write is not allowed.")
            why("DRY_RUN", "GET", "k") shouldBe listOf("ran", null)
            why("SCRIPT_MODE", "SHUTDOWN") shouldBe listOf("refused SCRIPT_MODE", "ERR command 'shutdown' is not allowed on script mode")
            why("SCRIPT_MODE", "GET", "k") shouldBe listOf("ran", "2")
            why("DRY_RUN", "NOSUCH") shouldBe listOf("refused UNKNOWN_COMMAND", "ERR unknown command 'NOSUCH', with args beginning with: ")
            why("-", "SET", "s", "text") shouldBe listOf("ran", "OK")
            why("-", "INCR", "s") shouldBe listOf("error", "ERR value is not an integer or out of range")
            why("-", "LPUSH", "s", "x") shouldBe listOf("error", "WRONGTYPE Operation against a key holding the wrong kind of value")

            server.call("ACL", "SETUSER", "limited", "on", "nopass", "+fixture.callwhy", "~*") shouldBe "OK"
            server.newClient().use { limited ->
                limited.auth("limited", "any") shouldBe "OK"
                val refusal = limited.sendCommand(ProtocolCommand { "FIXTURE.CALLWHY".toByteArray() }, "AS_USER", "GET", "k") as List<*>
                String(refusal[0] as ByteArray) shouldBe "refused ACL_DENIED"
                String(refusal[1] as ByteArray) shouldContain "NOPERM"
            }
        }
    }

    test("callBlocking: a command that blocks answers when it unblocks, one that does not at once; errors stay errors") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.call("RPUSH", "jobs", "j1") shouldBe 1L
            server.call("FIXTURE.CALLBLOCKING", "BLPOP", "jobs", "0") shouldBe listOf("jobs", "j1")
            server.call("FIXTURE.CALLBLOCKING", "BLPOP", "jobs", "0.05") shouldBe null
            val waiting = server.callInBackground("FIXTURE.CALLBLOCKING", "BLPOP", "jobs", "0")
            awaitUntil("the call blocks") { server.info("clients", "blocked_clients") != "0" }
            server.call("RPUSH", "jobs", "j2") shouldBe 1L
            waiting.get(10, java.util.concurrent.TimeUnit.SECONDS) shouldBe listOf("jobs", "j2")
            server.call("SET", "text", "v") shouldBe "OK"
            server.errorReply("FIXTURE.CALLBLOCKING", "BLPOP", "text", "0") shouldBe "WRONGTYPE Operation against a key holding the wrong kind of value"
            server.errorReply("FIXTURE.CALLBLOCKING", "NOSUCH") shouldStartWith "ERR unknown command 'NOSUCH'"
            server.call("PING") shouldBe "PONG"
        }
    }

    test("a call in RESP2 passes maps on as a RESP2 client sees them, also to a RESP3 client") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.call("HSET", "h", "f", "v") shouldBe 1L
            RawResp(server.host, server.port, 3).use { raw ->
                raw.exchange("FIXTURE.CALLWHY", "RESP2", "HGETALL", "h") shouldBe "*2\r\n\$3\r\nran\r\n*2\r\n\$1\r\nf\r\n\$1\r\nv\r\n"
                raw.exchange("FIXTURE.CALLWHY", "-", "HGETALL", "h") shouldBe "*2\r\n\$3\r\nran\r\n%1\r\n\$1\r\nf\r\n\$1\r\nv\r\n"
            }
        }
    }

    test("a call in RESP2 passes RESP2's null array on as *-1, its null bulk string as \$-1; RESP3 clients get _ for both") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            RawResp(server.host, server.port, 2).use { raw ->
                // BLPOP cannot block inside a call: it replies its timeout's null array at once.
                raw.exchange("FIXTURE.CALLWHY", "RESP2", "BLPOP", "missing", "0") shouldBe "*2\r\n\$3\r\nran\r\n*-1\r\n"
                raw.exchange("FIXTURE.CALLWHY", "RESP2", "GET", "missing") shouldBe "*2\r\n\$3\r\nran\r\n\$-1\r\n"
                // In RESP3 the call sees one null, which a RESP2 client gets as a null bulk string.
                raw.exchange("FIXTURE.CALLWHY", "-", "BLPOP", "missing", "0") shouldBe "*2\r\n\$3\r\nran\r\n\$-1\r\n"
            }
            RawResp(server.host, server.port, 3).use { raw ->
                raw.exchange("FIXTURE.CALLWHY", "RESP2", "BLPOP", "missing", "0") shouldBe "*2\r\n\$3\r\nran\r\n_\r\n"
            }
            server.call("PING") shouldBe "PONG"
        }
    }

    test("a key opened before a call sees what the call did to it, instead of the value the call freed") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            repeat(20) {
                server.call("FIXTURE.KEYAFTERCALL", "text:$it", "list:$it") shouldBe listOf("two", "EMPTY", 0L)
            }
            server.call("GET", "text:0") shouldBe "two"
            server.call("EXISTS", "list:0") shouldBe 0L
            server.call("PING") shouldBe "PONG"
        }
    }

    test("publish reaches channel and shard channel subscribers, a subscribed caller after its reply; binary-safe") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            RawResp(server.host, server.port, 3).use { subscriber ->
                subscriber.exchange("SUBSCRIBE", "news") shouldBe ">3\r\n\$9\r\nsubscribe\r\n\$4\r\nnews\r\n:1\r\n"
                subscriber.exchange("SSUBSCRIBE", "shard-news") shouldBe ">3\r\n\$10\r\nssubscribe\r\n\$10\r\nshard-news\r\n:1\r\n"
                server.call("FIXTURE.PUBLISH", "news", "a\u0000b") shouldBe 1L
                server.call("FIXTURE.PUBLISH", "shard-news", "hi", "shard") shouldBe 1L
                server.call("FIXTURE.PUBLISH", "nobody", "x") shouldBe 0L
                subscriber.readReply() shouldBe ">3\r\n\$7\r\nmessage\r\n\$4\r\nnews\r\n\$3\r\na\u0000b\r\n" +
                    ">3\r\n\$8\r\nsmessage\r\n\$10\r\nshard-news\r\n\$2\r\nhi\r\n"
                // The caller itself subscribed: the command's reply first, then the message.
                subscriber.exchange("FIXTURE.PUBLISH", "news", "self") shouldBe ":1\r\n>3\r\n\$7\r\nmessage\r\n\$4\r\nnews\r\n\$4\r\nself\r\n"
            }
            server.call("PING") shouldBe "PONG"
        }
    }

    test("a command replying around the reply of a module command it calls: each level's reply stays whole") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            RawResp(server.host, server.port, 2).use { raw ->
                fun level(depth: Int): String =
                    "*3\r\n:$depth\r\n" + (if (depth > 0) level(depth - 1) else "*0\r\n") + "\$${"after $depth".length}\r\nafter $depth\r\n"
                raw.exchange("FIXTURE.NEST", "4") shouldBe level(4)
                raw.exchange("FIXTURE.NEST", "1") shouldBe level(1)
            }
        }
    }

    test("a called command's reply passes through exactly, every RESP2 and RESP3 type, nested errors and binary strings included") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            val types = listOf("string", "integer", "double", "bignum", "null", "array", "set", "map", "verbatim", "true", "false")
            for (protocol in listOf(2, 3)) {
                RawResp(server.host, server.port, protocol).use { raw ->
                    for (type in types) {
                        withClue("DEBUG PROTOCOL $type, RESP$protocol") {
                            raw.exchange("FIXTURE.CALL", "DEBUG", "PROTOCOL", type) shouldBe raw.exchange("DEBUG", "PROTOCOL", type)
                        }
                    }
                    // Status lines stay status lines (+OK), alone and inside aggregates.
                    raw.exchange("FIXTURE.CALL", "SET", "status", "v") shouldBe raw.exchange("SET", "status", "v")
                    raw.exchange("FIXTURE.CALL", "PING") shouldBe raw.exchange("PING")
                    val statuses = "return {redis.status_reply('FINE'), 'bulk'}"
                    raw.exchange("FIXTURE.CALL", "EVAL", statuses, "0") shouldBe raw.exchange("EVAL", statuses, "0")
                    // An error inside an array stays an element; only a whole error reply throws.
                    val script = "return {1, redis.error_reply('MY nested failure'), 'x'}"
                    raw.exchange("FIXTURE.CALL", "EVAL", script, "0") shouldBe raw.exchange("EVAL", script, "0")
                }
            }
            val binary = byteArrayOf(0, 13, 10, -1, 'x'.code.toByte())
            server.client.set("bin".toByteArray(), binary)
            (server.client.sendCommand(ProtocolCommand { "FIXTURE.CALL".toByteArray() }, "GET".toByteArray(), "bin".toByteArray()) as ByteArray) shouldBe binary
        }
    }

    test("writes from a coroutine, through the main dispatcher and under the lock, land in the client's database and replicate") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { primary ->
            ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { replica ->
                replica.replicaOf(primary)
                primary.call("FIXTURE.BGINCR", "via-main", "200", "main") shouldBe 200L
                primary.call("FIXTURE.BGINCR", "via-lock", "150", "locked") shouldBe 150L
                primary.call("WAIT", "1", "5000") shouldBe 1L
                replica.call("GET", "via-main") shouldBe "200"
                replica.call("GET", "via-lock") shouldBe "150"
                // From a client in another database: the writes land, and replicate, in that database.
                primary.callInBackground("FIXTURE.BGINCR", "in-five", "20", "main", db = 5).get(10, TimeUnit.SECONDS) shouldBe 20L
                primary.callInBackground("FIXTURE.BGINCR", "in-five", "10", "locked", db = 5).get(10, TimeUnit.SECONDS) shouldBe 30L
                primary.call("EXISTS", "in-five") shouldBe 0L
                primary.call("WAIT", "1", "5000") shouldBe 1L
                replica.newClient().use { client ->
                    client.select(5)
                    client.get("in-five") shouldBe "30"
                }
            }
        }
    }

    test("a background coroutine works in database 0, or in the one its context names; its failure goes to the log") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.call("FIXTURE.LATERINCR", "bg", "10") shouldBe "OK"
            server.call("FIXTURE.LATERINCR", "bg", "10", "3") shouldBe "OK"
            server.call("FIXTURE.LATERINCR", "bg", "10", "3") shouldBe "OK"
            awaitUntil("the increments land") { server.call("GET", "bg") == "1" }
            server.newClient().use { client ->
                client.select(3)
                awaitUntil("the increments land in database 3") { client.get("bg") == "2" }
            }
            server.call("FIXTURE.LATERINCR", "bg", "10", "99") shouldBe "OK" // no such database
            awaitUntil("the failure is logged") {
                "a coroutine of the module's scope (valkey-module) failed: java.lang.IllegalArgumentException: database 99 does not exist" in server.log()
            }
            server.call("PING") shouldBe "PONG"
        }
    }

    test("a timer started by a command works in the client's database") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.newClient().use { client ->
                client.select(4)
                client.sendCommand({ "FIXTURE.TIMERINCR".toByteArray() }, "ticked".toByteArray(), "10".toByteArray())
                awaitUntil("the timer fires") { client.get("ticked") == "1" }
            }
            server.call("EXISTS", "ticked") shouldBe 0L
        }
    }
})
