package io.valkeyjvm.examples.javactx

import io.kotest.assertions.withClue
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import redis.clients.jedis.Jedis
import redis.clients.jedis.JedisPubSub
import redis.clients.jedis.JedisShardedPubSub
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))
private val loadArgs = listOf("greeting", "hello", "42")
private fun javactx() = ValkeyModuleLoad(moduleDir.resolve("javactx.so"), loadArgs)

private fun command(name: String) = ProtocolCommand { name.toByteArray() }
private val noArgs = emptyArray<String>()

/** A map reply (a flat array for RESP2 clients) as a Kotlin map. */
private fun asMap(reply: Any?): Map<String, Any?> =
    (reply as List<*>).chunked(2).associate { (name, value) -> name as String to value }

private fun ValkeyServer.version(): List<Int> = info("server", "valkey_version").split('.').map { it.toInt() }

/** The running command's client, its ACL user, the context flags, the server's version, clocks and log, ACL checks, publishing. */
class JavaCtxContextSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(javactx()))

    test("JAVACTX.CLIENT: the id is CLIENT ID's, the name is CLIENT SETNAME's, the address and database CLIENT INFO's") {
        server.newClient().use { client ->
            fun me() = asMap(decodeReply(client.sendCommand(command("JAVACTX.CLIENT"))))
            val clientId = client.clientId()
            me()["id"] shouldBe clientId
            me()["name"] shouldBe null
            me()["user"] shouldBe "default"
            client.clientSetname("worker-1")
            me()["name"] shouldBe "worker-1"

            // CLIENT INFO: "id=7 addr=127.0.0.1:40412 laddr=... db=0 ..."
            val info = client.clientInfo().split(' ').associate { it.substringBefore('=') to it.substringAfter('=') }
            me()["address"] shouldBe info.getValue("addr").substringBeforeLast(':')
            me()["port"] shouldBe info.getValue("addr").substringAfterLast(':').toLong()
            client.select(3)
            me()["db"] shouldBe 3L
        }
    }

    test("JAVACTX.CLIENT.SETNAME names the client as CLIENT SETNAME does; a bad name is a clear error, the name stays") {
        server.newClient().use { client ->
            client.sendCommand(command("JAVACTX.CLIENT.SETNAME"), "reporter").let(::decodeReply) shouldBe "OK"
            client.clientGetname() shouldBe "reporter"
            val refused = runCatching { client.sendCommand(command("JAVACTX.CLIENT.SETNAME"), "two words") }
            refused.exceptionOrNull()!!.message!! shouldContain "Invalid argument"
            client.clientGetname() shouldBe "reporter"
            client.ping() shouldBe "PONG"
        }
    }

    test("JAVACTX.CLIENT's user is the one the client authenticated as with AUTH") {
        server.call("ACL", "SETUSER", "carol", "on", ">secret", "+@all", "~*")
        server.newClient().use { client ->
            client.auth("carol", "secret")
            asMap(decodeReply(client.sendCommand(command("JAVACTX.CLIENT"))))["user"] shouldBe "carol"
        }
        server.call("ACL", "DELUSER", "carol")
    }

    test("JAVACTX.FLAGS: PRIMARY on a primary, MULTI inside a transaction, LUA in a script, RESP3 for a RESP3 client") {
        @Suppress("UNCHECKED_CAST")
        fun flags(reply: Any?) = decodeReply(reply) as List<String>
        val plain = flags(server.command("JAVACTX.FLAGS"))
        plain shouldContain "PRIMARY"
        plain shouldNotContain "MULTI"
        plain shouldNotContain "LUA"
        plain shouldNotContain "RESP3"

        server.newClient().use { client ->
            val transaction = client.multi()
            val queued = transaction.sendCommand(command("JAVACTX.FLAGS"), *noArgs)
            transaction.exec()
            flags(queued.get()) shouldContain "MULTI"
        }

        flags(server.command("EVAL", "return redis.call('JAVACTX.FLAGS')", "0")) shouldContain "LUA"

        server.newClient(RedisProtocol.RESP3).use { client ->
            flags(client.sendCommand(command("JAVACTX.FLAGS"))) shouldContain "RESP3"
        }
    }

    test("JAVACTX.FLAGS on a replica in sync: REPLICA, READONLY and REPLICA_IS_ONLINE, not PRIMARY") {
        ValkeyServer.start(valkeyServerConfig { module(javactx()) }).use { replica ->
            replica.replicaOf(server)
            @Suppress("UNCHECKED_CAST")
            val flags = replica.call("JAVACTX.FLAGS") as List<String>
            flags shouldContainAll listOf("REPLICA", "READONLY", "REPLICA_IS_ONLINE")
            flags shouldNotContain "PRIMARY"
        }
    }

    test("JAVACTX.VERSION is INFO server's valkey_version; JAVACTX.VERSION.ATLEAST compares with it") {
        server.call("JAVACTX.VERSION") shouldBe server.info("server", "valkey_version")
        val (major, minor) = server.version()
        server.call("JAVACTX.VERSION.ATLEAST", "$major", "$minor") shouldBe 1L
        server.call("JAVACTX.VERSION.ATLEAST", "$major", "${minor + 1}") shouldBe 0L
        server.call("JAVACTX.VERSION.ATLEAST", "7", "0") shouldBe 1L
        server.errorReply("JAVACTX.VERSION.ATLEAST", "nine", "0") shouldBe "ERR 'major' must be an integer from 0 to 255"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVACTX.TIME reads the server's clocks: between two TIME replies; the cached time is one per transaction") {
        fun serverMicros(): Long = (server.call("TIME") as List<*>).let { (s, us) -> (s as String).toLong() * 1_000_000 + (us as String).toLong() }
        val before = serverMicros()
        val time = asMap(server.call("JAVACTX.TIME"))
        val after = serverMicros()
        val micros = time["microseconds"] as Long
        micros shouldBeGreaterThanOrEqual before
        micros shouldBeLessThanOrEqual after
        (time["milliseconds"] as Long) shouldBeGreaterThanOrEqual before / 1000
        (time["milliseconds"] as Long) shouldBeLessThanOrEqual after / 1000
        (time["cached-microseconds"] as Long) shouldBeGreaterThanOrEqual before
        (time["cached-microseconds"] as Long) shouldBeLessThanOrEqual micros
        (asMap(server.call("JAVACTX.TIME"))["monotonic-microseconds"] as Long) shouldBeGreaterThanOrEqual
            (time["monotonic-microseconds"] as Long)

        server.newClient().use { client ->
            val transaction = client.multi()
            val first = transaction.sendCommand(command("JAVACTX.TIME"), *noArgs)
            transaction.sendCommand(command("JAVACTX.STR.APPEND"), "the clock", " moves on")
            val second = transaction.sendCommand(command("JAVACTX.TIME"), *noArgs)
            transaction.exec()
            val (a, b) = listOf(first, second).map { asMap(decodeReply(it.get())) }
            b["cached-microseconds"] shouldBe a["cached-microseconds"]
            (b["microseconds"] as Long) shouldBeGreaterThanOrEqual (a["microseconds"] as Long)
        }
    }

    test("JAVACTX.ARGS replies the load arguments, which MODULE LIST shows too") {
        server.call("JAVACTX.ARGS") shouldBe loadArgs
        val listed = (server.call("MODULE", "LIST") as List<*>).map { asMap(it) }.single { it["name"] == "javactx" }
        listed["args"] shouldBe loadArgs
    }

    test("JAVACTX.ARGS.SET replaces the load arguments MODULE LIST shows, on Valkey 8.1 and later; before, a clear error") {
        ValkeyServer.start(valkeyServerConfig { module(javactx()) }).use { own ->
            val (major, minor) = own.version()
            if (major > 8 || major == 8 && minor >= 1) {
                own.call("JAVACTX.ARGS.SET", "greeting", "bonjour") shouldBe "OK"
                own.call("JAVACTX.ARGS") shouldBe listOf("greeting", "bonjour")
                val listed = (own.call("MODULE", "LIST") as List<*>).map { asMap(it) }.single { it["name"] == "javactx" }
                listed["args"] shouldBe listOf("greeting", "bonjour")
            } else {
                own.errorReply("JAVACTX.ARGS.SET", "x") shouldContain "JAVACTX.ARGS.SET needs Valkey 8.1 or later"
                own.call("JAVACTX.ARGS") shouldBe loadArgs
            }
            own.call("PING") shouldBe "PONG"
        }
    }

    test("JAVACTX.LOG writes to the server's log file at each level the loglevel config lets through") {
        server.call("CONFIG", "SET", "loglevel", "debug")
        for (level in listOf("debug", "verbose", "notice", "warning")) server.call("JAVACTX.LOG", level, "javactx says $level") shouldBe "OK"
        server.call("CONFIG", "SET", "loglevel", "warning")
        server.call("JAVACTX.LOG", "notice", "javactx hidden notice") shouldBe "OK"
        server.call("CONFIG", "SET", "loglevel", "notice")

        // Each line: "<pid>:M <date> <level mark> <javactx> <message>", the marks . - * # from debug to warning.
        val lines = server.log().lines()
        for ((level, mark) in listOf("debug" to '.', "verbose" to '-', "notice" to '*', "warning" to '#')) {
            withClue("the $level line in ${server.logFile}") {
                lines.single { it.endsWith("<javactx> javactx says $level") }.substringBefore(" <javactx>").last() shouldBe mark
            }
        }
        server.log() shouldNotContain "javactx hidden notice"
        server.errorReply("JAVACTX.LOG", "loud", "x") shouldBe "ERR not a log level: 'loud' (use debug, verbose, notice or warning)"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVACTX.ACL.*: a user's command, key and channel rules; a denial is a NOPERM error and an ACL LOG entry") {
        server.call("ACL", "LOG", "RESET")
        server.call("ACL", "SETUSER", "alice", "on", "nopass", "+get", "+set", "%R~cache:*", "~own:*", "resetchannels", "&news")

        server.call("JAVACTX.ACL.COMMAND", "alice", "GET", "cache:1") shouldBe "OK"
        server.errorReply("JAVACTX.ACL.COMMAND", "alice", "DEL", "own:1") shouldBe
            "NOPERM User alice has no permissions to run the 'DEL' command"

        server.call("JAVACTX.ACL.KEY", "alice", "cache:1", "READ") shouldBe "OK"
        server.errorReply("JAVACTX.ACL.KEY", "alice", "cache:1", "WRITE") shouldBe "NOPERM User alice has no permissions to access the 'cache:1' key"
        server.call("JAVACTX.ACL.KEY", "alice", "own:1", "WRITE") shouldBe "OK"
        server.errorReply("JAVACTX.ACL.KEY", "alice", "secret", "ANY") shouldBe "NOPERM User alice has no permissions to access the 'secret' key"

        server.call("JAVACTX.ACL.CHANNEL", "alice", "news") shouldBe "OK"
        server.errorReply("JAVACTX.ACL.CHANNEL", "alice", "sports") shouldBe "NOPERM User alice has no permissions to access the 'sports' channel"

        server.errorReply("JAVACTX.ACL.KEY", "nobody", "k", "READ") shouldBe "ERR no ACL user 'nobody'"
        server.errorReply("JAVACTX.ACL.KEY", "alice", "k", "SOMETIMES") shouldBe "ERR the key use must be READ, WRITE or ANY"

        // The server does what JAVACTX.ACL.* said it would.
        server.newClient().use { alice ->
            alice.auth("alice", "any")
            alice.get("cache:1") shouldBe null
            runCatching { alice.set("cache:1", "v") }.exceptionOrNull()!!.message!! shouldContain "NOPERM"
        }

        val entries = (server.call("ACL", "LOG") as List<*>).map { asMap(it) }.filter { it["context"] == "module" }
        entries.map { it["reason"] to it["object"] } shouldContainAll listOf("command" to "DEL", "key" to "cache:1", "key" to "secret", "channel" to "sports")
        entries.map { it["username"] }.toSet() shouldBe setOf("alice")
        server.call("ACL", "DELUSER", "alice")
        server.call("PING") shouldBe "PONG"
    }

    test("JAVACTX.PUBLISH reaches a channel's subscriber, NUL bytes included; no subscriber, no receiver") {
        val received = LinkedBlockingQueue<Pair<String, String>>()
        val subscribed = CountDownLatch(1)
        val listener = object : JedisPubSub() {
            override fun onSubscribe(channel: String, subscribedChannels: Int) = subscribed.countDown()
            override fun onMessage(channel: String, message: String) {
                received.add(channel to message)
            }
        }
        val subscriber = server.newClient()
        val listening = thread(name = "javactx-subscriber") { subscriber.subscribe(listener, "news") }
        subscribed.await(10, TimeUnit.SECONDS) shouldBe true

        server.call("JAVACTX.PUBLISH", "news", "extra\u0000edition") shouldBe 1L
        received.poll(10, TimeUnit.SECONDS) shouldBe ("news" to "extra\u0000edition")
        server.call("JAVACTX.PUBLISH", "weather", "rain") shouldBe 0L

        listener.unsubscribe()
        listening.join(10_000)
        subscriber.close()
    }

    test("JAVACTX.SPUBLISH reaches a shard channel's subscriber (SSUBSCRIBE), not a plain channel's") {
        val received = LinkedBlockingQueue<Pair<String, String>>()
        val subscribed = CountDownLatch(1)
        val listener = object : JedisShardedPubSub() {
            override fun onSSubscribe(channel: String, subscribedChannels: Int) = subscribed.countDown()
            override fun onSMessage(channel: String, message: String) {
                received.add(channel to message)
            }
        }
        val subscriber: Jedis = server.newClient()
        val listening = thread(name = "javactx-shard-subscriber") { listener.proceed(subscriber.connection, "orders") }
        subscribed.await(10, TimeUnit.SECONDS) shouldBe true

        server.call("JAVACTX.SPUBLISH", "orders", "order #1") shouldBe 1L
        received.poll(10, TimeUnit.SECONDS) shouldBe ("orders" to "order #1")
        server.call("JAVACTX.PUBLISH", "orders", "not sharded") shouldBe 0L

        listener.sunsubscribe()
        listening.join(10_000)
        subscriber.close()
    }

    test("COMMAND DOCS shows what the commands say about themselves") {
        val docs = decodeReply(server.command("COMMAND", "DOCS", "javactx.dict.seek", "javactx.time")).toString()
        docs shouldContain "Up to count key-value pairs from where the operator"
        docs shouldContain "The server's clocks"
        @Suppress("UNCHECKED_CAST")
        val flags = (decodeReply(server.command("COMMAND", "INFO", "javactx.flags")) as List<List<Any?>>).single()[2] as List<String>
        flags shouldContainAll listOf("readonly", "fast", "stale", "loading")
    }
})
