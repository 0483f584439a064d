package io.valkeyjvm.it

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds
import redis.clients.jedis.exceptions.JedisDataException

/** Commands that block their client, not the server, with suspend code. */
class SuspendingCommandSpec : FunSpec({
    timeout = 120_000
    // Room for 10,000 blocked clients plus the spec's own connections.
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)) { config("maxclients", "10100") })

    afterEach { awaitUntil("blocked_clients back to 0") { server.info("clients", "blocked_clients") == "0" } }

    test("the reply comes when the coroutine finishes, and the server serves others meanwhile") {
        val sleeping = server.callInBackground("FIXTURE.SLEEP", "3000", "0")
        awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
        server.call("PING") shouldBe "PONG"
        server.info("clients", "blocked_clients") shouldBe "1" // PING was answered while the client waited
        sleeping.get(10, TimeUnit.SECONDS) shouldBe "slept 3000"
    }

    test("the command's arguments stay readable inside the block, after the command has returned") {
        server.call("FIXTURE.LATEARGS", "a", "b\u0000c", "") shouldBe listOf("", "b\u0000c", "a")
    }

    test("the coroutine runs off the main thread and reaches it through ValkeyDispatchers.Main") {
        server.call("FIXTURE.ONMAIN") shouldBe listOf(1L, 1L)
    }

    test("main-thread-only calls from a coroutine thread are clear errors, not crashes") {
        shouldThrow<JedisDataException> { server.command("FIXTURE.WRONGTHREAD", "context") }.message shouldContain
            "this context belongs to the server's main thread, not valkey-module-cpu-"
        shouldThrow<JedisDataException> { server.command("FIXTURE.WRONGTHREAD", "timer") }.message shouldContain
            "Timers.schedule must run on the server's main thread"
        server.call("PING") shouldBe "PONG"
    }

    test("a timeout replies like BLPOP (a null array) and cancels the coroutine") {
        val before = server.call("FIXTURE.CANCELLED") as Long
        // A timeout long enough for the coroutine to have started, even on a loaded machine.
        server.command("FIXTURE.SLEEP", "5000", "1000") shouldBe null
        awaitUntil("the coroutine sees its cancellation") { server.call("FIXTURE.CANCELLED") as Long == before + 1 }
    }

    test("an exception in the coroutine is an error reply, and its stack trace goes to the log, as for a command") {
        shouldThrow<JedisDataException> { server.command("FIXTURE.SLEEPFAIL", "it broke later") }.message shouldBe "ERR it broke later"
        server.log() shouldContain "valkey-jvm: blocked command 'FIXTURE.SLEEPFAIL' threw java.lang.IllegalStateException: it broke later"
        server.call("PING") shouldBe "PONG"
    }

    test("a command that replies, blocks again or throws after blocking its client: one error reply, the connection stays in step") {
        server.newClient().use { client ->
            for ((then, error) in listOf(
                "reply" to "the command has blocked its client, whose reply comes when it unblocks",
                "block" to "the command has blocked its client, whose reply comes when it unblocks",
                "throw" to "ERR thrown after blocking",
            )) {
                shouldThrow<JedisDataException> { client.sendCommand({ "FIXTURE.BLOCKTHEN".toByteArray() }, then.toByteArray()) }
                    .message shouldContain error
                client.ping() shouldBe "PONG" // no second reply was left in the connection
            }
        }
        awaitUntil("blocked_clients back to 0") { server.info("clients", "blocked_clients") == "0" }
        server.call("PING") shouldBe "PONG"
    }

    test("a coroutine cancelled from inside (an uncaught withTimeout) still gets its client an error reply") {
        shouldThrow<JedisDataException> { server.command("FIXTURE.INNERTIMEOUT") }.message shouldContain "Timed out waiting for 50 ms"
        server.call("PING") shouldBe "PONG"
    }

    for (command in listOf(listOf("FIXTURE.SLEEP", "10000", "0"), listOf("FIXTURE.BPOP", "gone", "0"))) {
        test("a client that disconnects from ${command[0]} cancels its coroutine") {
            val before = server.call("FIXTURE.CANCELLED") as Long
            val started = server.call("FIXTURE.STARTED") as Long
            val raw = RawResp(server.host, server.port, 2)
            raw.sendOnly(*command.toTypedArray())
            // Disconnect once the coroutine runs: one cancelled before it starts has nothing to observe.
            awaitUntil("the coroutine starts") { server.call("FIXTURE.STARTED") as Long == started + 1 }
            raw.close()
            awaitUntil("the coroutine sees its cancellation") { server.call("FIXTURE.CANCELLED") as Long == before + 1 }
        }
    }

    test("a client that disconnected while waiting for a key takes nothing from it") {
        server.call("LPUSH", "gone", "kept")
        server.call("LRANGE", "gone", "0", "-1") shouldBe listOf("kept")
        server.call("DEL", "gone")
    }

    // A suspending command, and one waiting for a key with awaitKeys.
    for (command in listOf(listOf("FIXTURE.SLEEP", "10000", "0"), listOf("FIXTURE.BPOP", "never-filled", "0"))) {
        test("CLIENT UNBLOCK, TIMEOUT and ERROR, ends the wait of ${command[0]} and cancels its coroutine") {
            for (mode in listOf("TIMEOUT", "ERROR")) {
                val before = server.call("FIXTURE.CANCELLED") as Long
                val started = server.call("FIXTURE.STARTED") as Long
                val blocked = server.callInBackground(*command.toTypedArray(), clientName = "blocked-$mode")
                awaitUntil("the coroutine starts") { server.call("FIXTURE.STARTED") as Long == started + 1 }
                val id = (server.call("CLIENT", "LIST") as String).lineSequence().first { "name=blocked-$mode" in it }
                    .substringAfter("id=").substringBefore(' ')
                server.call("CLIENT", "UNBLOCK", id, mode) shouldBe 1L
                val reply = blocked.get(10, TimeUnit.SECONDS)
                if (mode == "TIMEOUT") reply shouldBe null else (reply as String) shouldContain "UNBLOCKED"
                awaitUntil("the coroutine sees its cancellation") { server.call("FIXTURE.CANCELLED") as Long == before + 1 }
            }
        }
    }

    // The same BLPOP-like command twice: with the blockOnKeys callback, and as suspend code (awaitKeys).
    for (command in listOf("FIXTURE.BLPOP", "FIXTURE.BPOP")) {
        context("blocking on a key, BLPOP-like: $command") {
            test("an LPUSH from another client wakes it with the element") {
                val waiting = server.callInBackground(command, "queue", "10000")
                awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
                server.call("LPUSH", "queue", "job-1") shouldBe 1L
                waiting.get(10, TimeUnit.SECONDS) shouldBe "job-1"
                server.call("EXISTS", "queue") shouldBe 0L
            }

            test("a write of another type keeps it waiting; the timeout ends it like BLPOP's") {
                val waiting = server.callInBackground(command, "elsewhere", "500")
                awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
                server.call("ZADD", "elsewhere", "1", "not-a-list") // signals the key, but it is not a list
                waiting.get(10, TimeUnit.SECONDS) shouldBe null
                server.call("DEL", "elsewhere")
            }

            test("deleting the key wakes it") {
                // The server signals deleted keys of types that can block (lists, sorted sets, streams, modules).
                server.call("ZADD", "doomed", "1", "x")
                val waiting = server.callInBackground(command, "doomed", "10000")
                awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
                server.call("DEL", "doomed") shouldBe 1L
                waiting.get(10, TimeUnit.SECONDS) shouldBe "ERR the key was deleted"
            }

            test("an element already there is popped at once") {
                server.call("RPUSH", "ready", "a", "b")
                server.call(command, "ready", "0") shouldBe "a"
                server.call("DEL", "ready")
            }

            test("two clients on one key are served in the order they blocked, one element each") {
                val first = server.callInBackground(command, "shared", "10000")
                awaitUntil("the first client blocks") { server.info("clients", "blocked_clients") == "1" }
                val second = server.callInBackground(command, "shared", "10000")
                awaitUntil("both clients block") { server.info("clients", "blocked_clients") == "2" }
                server.call("RPUSH", "shared", "a", "b") shouldBe 2L
                first.get(10, TimeUnit.SECONDS) shouldBe "a"
                second.get(10, TimeUnit.SECONDS) shouldBe "b"
            }
        }
    }

    context("awaitKeys, the suspend form") {
        test("it looks at the keys in the client's database") {
            server.newClient().use { client ->
                client.select(9)
                client.rpush("in-nine", "nine")
                decodeReply(client.sendCommand({ "FIXTURE.BPOP".toByteArray() }, "in-nine".toByteArray(), "10000".toByteArray())) shouldBe "nine"
            }
            val waiting = server.callInBackground("FIXTURE.BPOP", "later-in-nine", "10000", db = 9)
            awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
            server.call("LPUSH", "later-in-nine", "db0") // another database: not its key
            Thread.sleep(100)
            waiting.isDone shouldBe false
            server.newClient().use { client -> client.select(9); client.lpush("later-in-nine", "db9") }
            waiting.get(10, TimeUnit.SECONDS) shouldBe "db9"
            server.call("DEL", "later-in-nine")
        }

        test("the module's own write wakes it once the module signals the key") {
            server.call("FIXTURE.TSET", "blob", "8", "0") // the first byte is 0: not ready yet
            val checks = server.call("FIXTURE.KEYCHECKS") as Long
            val waiting = server.callInBackground("FIXTURE.BPOP", "blob", "10000")
            // Its first check has found the value not ready: from now on only a signal makes it look again.
            awaitUntil("the client waits") { server.call("FIXTURE.KEYCHECKS") as Long > checks }
            server.call("FIXTURE.TFILL", "blob") shouldBe "OK" // changed in place, unsignalled
            Thread.sleep(200)
            waiting.isDone shouldBe false
            server.call("FIXTURE.TFILL", "blob", "signal") shouldBe "OK"
            waiting.get(10, TimeUnit.SECONDS) shouldBe "blob of 8 bytes"
            server.call("DEL", "blob")
        }

        test("a key signalled before the coroutine awaits it is not missed: a deletion then still wakes it") {
            server.call("ZADD", "gone-early", "1", "x")
            // Blocks on the key at once, but only awaits it 500 ms later.
            val waiting = server.callInBackground("FIXTURE.BPOP", "gone-early", "10000", "0", "500")
            awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
            server.call("DEL", "gone-early") shouldBe 1L
            waiting.get(5, TimeUnit.SECONDS) shouldBe "ERR the key was deleted"
        }

        test("the timeout bounds the wait, not the work after it: what was taken is never lost") {
            // Times out at 300 ms, but takes the element at about 100 ms and then works 500 ms more.
            val waiting = server.callInBackground("FIXTURE.BPOP", "taken", "300", "500")
            awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
            Thread.sleep(100)
            server.call("LPUSH", "taken", "precious") shouldBe 1L
            waiting.get(10, TimeUnit.SECONDS) shouldBe "precious"
            server.call("EXISTS", "taken") shouldBe 0L
        }

        test("a timeout with nothing taken still ends the wait on time, like BLPOP's") {
            val started = System.nanoTime()
            server.callInBackground("FIXTURE.BPOP", "never", "200").get(10, TimeUnit.SECONDS) shouldBe null
            (System.nanoTime() - started) / 1_000_000 shouldBeLessThan 5_000L
        }

        test("timeouts racing pushes: every element is either served once or still in its list") {
            val random = java.util.Random(42)
            val keys = (0 until 8).map { "race-$it" }
            val waiting = (0 until 200).map {
                server.callInBackground("FIXTURE.BPOP", keys[it % keys.size], (200 + random.nextInt(400)).toString(), random.nextInt(300).toString())
            }
            // Whatever the timing, the outcome must add up; the pushes start while clients wait and time out.
            awaitUntil("clients block") { server.info("clients", "blocked_clients").toInt() >= 20 }
            val pushed = (0 until 160).map { "e$it" }
            pushed.forEachIndexed { i, element ->
                server.call("RPUSH", keys[i % keys.size], element)
                if (i % 10 == 0) Thread.sleep(15)
            }
            // Replies: an element, null (timed out), or "the key was deleted" (FIXTURE.BPOP wakes on deletion,
            // and the pop that empties a list deletes it).
            val served = waiting.mapNotNull { it.get(20, TimeUnit.SECONDS) as String? }.filterNot { it.startsWith("ERR") }
            val left = keys.flatMap { (server.call("LRANGE", it, "0", "-1") as List<*>).map { e -> e as String } }
            (served + left).sorted() shouldBe pushed.sorted() // none lost, none twice
            keys.forEach { server.call("DEL", it) }
        }

        test("many waiters on many keys are each served once; nothing is lost") {
            val keys = 20
            val perKey = 10
            val waiting = (0 until keys).flatMap { k -> (0 until perKey).map { server.callInBackground("FIXTURE.BPOP", "many-$k", "20000") } }
            awaitUntil("all clients block", 20_000.milliseconds) { server.info("clients", "blocked_clients") == "${keys * perKey}" }
            for (k in 0 until keys) server.call("RPUSH", "many-$k", *Array(perKey) { "k$k-e$it" })
            val served = waiting.map { it.get(20, TimeUnit.SECONDS) as String }
            served.toSet() shouldBe (0 until keys).flatMap { k -> (0 until perKey).map { "k$k-e$it" } }.toSet()
            served.size shouldBe keys * perKey
        }
    }

    for (command in listOf(listOf("FIXTURE.SLEEP", "5000", "0"), listOf("FIXTURE.BPOP", "in-multi", "0"))) {
        test("inside MULTI ${command[0]} cannot block: it replies like a timeout at once, as BLPOP does") {
            server.newClient().use { client ->
                val transaction = client.multi()
                transaction.sendCommand({ command[0].toByteArray() }, *command.drop(1).map { it.toByteArray() }.toTypedArray())
                transaction.exec() shouldBe listOf(null)
            }
        }
    }

    test("called from a Lua script it cannot block either: the timeout reply at once") {
        server.command("EVAL", "return server.call('FIXTURE.SLEEP', '5000', '0')", "0") shouldBe null
    }

    test("called by module code (ValkeyModule_Call) it cannot block either: the timeout reply at once") {
        server.call("FIXTURE.CALL", "FIXTURE.SLEEP", "5000", "0") shouldBe null
        server.call("FIXTURE.CALL", "FIXTURE.BPOP", "called", "0") shouldBe null
        server.info("clients", "blocked_clients") shouldBe "0"
    }

    test("10,000 clients blocked at once all get their reply; threads stay bounded") {
        val clients = 10_000
        val connections = (0 until clients).map { RawResp(server.host, server.port, 2, readTimeoutMillis = 30_000) }
        try {
            // Long enough that the first are still waiting when the last has connected.
            connections.forEach { it.sendOnly("FIXTURE.SLEEP", "15000", "0") }
            awaitUntil("all clients block at once", 30_000.milliseconds) { server.info("clients", "blocked_clients").toInt() == clients }
            connections.forEach { it.readReply() shouldBe "\$11\r\nslept 15000\r\n" }
        } finally {
            connections.forEach { it.close() }
        }
        (server.info("fixture_jvm", "fixture_threads").toLong()) shouldBeLessThan 100L
    }
})
