package io.valkeyjvm.examples.javakeys

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeBetween
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.decodeReply
import io.valkeyjvm.kotest.valkeyServer
import redis.clients.jedis.RedisProtocol
import redis.clients.jedis.commands.ProtocolCommand

/** The KEYS commands of the javakeys module, checked with a real client as a user would. */
class KeysSpec : FunSpec({
    timeout = 120_000
    val server = install(valkeyServer(javaKeysModule))

    beforeEach {
        server.call("FLUSHALL")
        server.call("CONFIG", "SET", "notify-keyspace-events", "")
    }

    test("JAVAKEYS.INFO replies type, length, time to live and expire time for every type") {
        server.call("SET", "s", "hello")
        server.call("RPUSH", "l", "a", "b", "c")
        server.call("HSET", "h", "f", "v", "g", "w")
        server.call("SADD", "set", "m")
        server.call("ZADD", "z", "1", "a", "2", "b")
        server.call("XADD", "x", "*", "f", "v")
        server.keyInfo("s") shouldBe mapOf("type" to "string", "length" to 5L, "pttl" to -1L, "expireat" to -1L)
        server.keyInfo("l")["type"] shouldBe "list"
        server.keyInfo("l")["length"] shouldBe 3L
        server.keyInfo("h")["type"] shouldBe "hash"
        server.keyInfo("h")["length"] shouldBe 2L
        server.keyInfo("set")["type"] shouldBe "set"
        server.keyInfo("z")["type"] shouldBe "zset"
        server.keyInfo("z")["length"] shouldBe 2L
        server.keyInfo("x")["type"] shouldBe "stream"
        server.keyInfo("x")["length"] shouldBe 1L
        server.keyInfo("missing") shouldBe mapOf("type" to "none", "length" to 0L, "pttl" to -1L, "expireat" to -1L)
    }

    test("JAVAKEYS.INFO shows the time to live a client gave, as PTTL and PEXPIRETIME do") {
        server.call("SET", "s", "v", "PX", "100000")
        val info = server.keyInfo("s")
        (info["pttl"] as Long).shouldBeBetween(1, 100_000)
        info["expireat"] shouldBe server.call("PEXPIRETIME", "s")
    }

    test("RESP3 clients get JAVAKEYS.INFO as a map") {
        server.call("SET", "s", "hello")
        server.newClient(RedisProtocol.RESP3).use { client ->
            decodeReply(client.sendCommand(ProtocolCommand { "JAVAKEYS.INFO".toByteArray() }, "s")) shouldBe
                listOf("type" to "string", "length" to 5L, "pttl" to -1L, "expireat" to -1L)
        }
    }

    test("an unknown open flag is a clear error, and the server goes on") {
        server.errorReply("JAVAKEYS.INFO", "s", "NOTOUCH", "NOPE") shouldBe
            "ERR unknown open flag 'NOPE' (NOTOUCH, NONOTIFY, NOSTATS, NOEXPIRE or NOEFFECTS)"
        server.call("PING") shouldBe "PONG"
    }

    test("open flags are case-insensitive and may repeat") {
        server.call("SET", "s", "v")
        server.keyInfo("s", "nostats", "NoTouch", "NOSTATS")["type"] shouldBe "string"
    }

    test("NOSTATS: reading a key counts no keyspace hit or miss; without it, both count") {
        server.call("SET", "s", "v")
        server.call("CONFIG", "RESETSTAT")
        server.keyInfo("s", "NOSTATS")
        server.keyInfo("missing", "NOSTATS")
        server.stat("keyspace_hits") shouldBe 0L
        server.stat("keyspace_misses") shouldBe 0L
        server.keyInfo("s")
        server.keyInfo("missing")
        server.stat("keyspace_hits") shouldBe 1L
        server.stat("keyspace_misses") shouldBe 1L
    }

    test("NOTOUCH: reading a key leaves its idle time; without it, the read is a use") {
        server.call("SET", "s", "v")
        server.call("JAVAKEYS.SETIDLE", "s", "100000") shouldBe 1L
        (server.call("OBJECT", "IDLETIME", "s") as Long) shouldBeGreaterThanOrEqual 100L
        server.keyInfo("s", "NOTOUCH")
        (server.call("OBJECT", "IDLETIME", "s") as Long) shouldBeGreaterThanOrEqual 100L
        server.keyInfo("s")
        (server.call("OBJECT", "IDLETIME", "s") as Long) shouldBeLessThan 100L
    }

    test("JAVAKEYS.SETIDLE needs an existing key and an idle time of 0 or more") {
        server.errorReply("JAVAKEYS.SETIDLE", "missing", "1000") shouldBe "ERR no such key"
        server.call("SET", "s", "v")
        server.errorReply("JAVAKEYS.SETIDLE", "s", "-1") shouldBe "ERR the idle time must not be negative"
        server.call("PING") shouldBe "PONG"
    }

    test("NONOTIFY: a missing key fires no keymiss notification; without it, a subscriber gets one") {
        server.call("CONFIG", "SET", "notify-keyspace-events", "Em")
        Subscriber(server, "__keyevent@0__:keymiss").use { subscriber ->
            server.keyInfo("quiet", "NONOTIFY")
            server.keyInfo("heard")
            subscriber.next() shouldBe ("__keyevent@0__:keymiss" to "heard")
        }
    }

    test("NOEXPIRE: a key whose time has passed reads as missing but stays; a plain read expires it") {
        server.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        try {
            server.call("SET", "s", "v")
            server.call("JAVAKEYS.PEXPIREAT", "s", "1") shouldBe 1L
            server.call("CONFIG", "RESETSTAT")
            server.keyInfo("s", "NOEXPIRE")["type"] shouldBe "none"
            server.stat("expired_keys") shouldBe 0L
            server.call("DBSIZE") shouldBe 1L
            server.keyInfo("s")["type"] shouldBe "none"
            server.stat("expired_keys") shouldBe 1L
            server.call("DBSIZE") shouldBe 0L
        } finally {
            server.call("DEBUG", "SET-ACTIVE-EXPIRE", "1")
        }
    }

    test("NOEFFECTS: no expiry, no stats, no touch at once") {
        server.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")
        try {
            server.call("SET", "idle", "v")
            server.call("JAVAKEYS.SETIDLE", "idle", "100000")
            server.call("SET", "gone", "v")
            server.call("JAVAKEYS.PEXPIREAT", "gone", "1")
            server.call("CONFIG", "RESETSTAT")
            server.keyInfo("idle", "NOEFFECTS")["type"] shouldBe "string"
            server.keyInfo("gone", "NOEFFECTS")["type"] shouldBe "none"
            server.stat("keyspace_hits") shouldBe 0L
            server.stat("keyspace_misses") shouldBe 0L
            server.stat("expired_keys") shouldBe 0L
            (server.call("OBJECT", "IDLETIME", "idle") as Long) shouldBeGreaterThanOrEqual 100L
        } finally {
            server.call("DEBUG", "SET-ACTIVE-EXPIRE", "1")
        }
    }

    test("JAVAKEYS.EXISTS says whether a key exists, leaving its idle time; hits and misses count as for EXISTS") {
        server.call("SET", "s", "v")
        server.call("JAVAKEYS.SETIDLE", "s", "100000") shouldBe 1L
        server.call("CONFIG", "RESETSTAT")
        server.call("JAVAKEYS.EXISTS", "s") shouldBe 1L
        server.call("JAVAKEYS.EXISTS", "missing") shouldBe 0L
        server.stat("keyspace_hits") shouldBe 1L
        server.stat("keyspace_misses") shouldBe 1L
        (server.call("OBJECT", "IDLETIME", "s") as Long) shouldBeGreaterThanOrEqual 100L
    }

    test("JAVAKEYS.DEL and JAVAKEYS.UNLINK delete a key of any type, 1 then 0") {
        server.call("SET", "s", "v")
        server.call("HSET", "h", "f", "v")
        server.call("RPUSH", "big", *Array(5_000) { "element $it" })
        server.call("JAVAKEYS.DEL", "s") shouldBe 1L
        server.call("JAVAKEYS.DEL", "s") shouldBe 0L
        server.call("JAVAKEYS.DEL", "h") shouldBe 1L
        server.call("JAVAKEYS.UNLINK", "big") shouldBe 1L
        server.call("JAVAKEYS.UNLINK", "big") shouldBe 0L
        server.call("DBSIZE") shouldBe 0L
    }

    test("JAVAKEYS.PEXPIRE gives a time to live; 0 for a missing key") {
        server.call("SET", "s", "v")
        server.call("JAVAKEYS.PEXPIRE", "s", "100000") shouldBe 1L
        (server.call("PTTL", "s") as Long).shouldBeBetween(1, 100_000)
        server.call("JAVAKEYS.PEXPIRE", "missing", "100000") shouldBe 0L
        server.call("EXISTS", "missing") shouldBe 0L
    }

    test("JAVAKEYS.PEXPIRE refuses a time to live that is not a positive number it can add to now") {
        server.call("SET", "s", "v")
        server.errorReply("JAVAKEYS.PEXPIRE", "s", "0") shouldBe "ERR the time to live must be positive"
        server.errorReply("JAVAKEYS.PEXPIRE", "s", "-5") shouldBe "ERR the time to live must be positive"
        server.errorReply("JAVAKEYS.PEXPIRE", "s", "soon") shouldBe "ERR value is not an integer or out of range"
        server.errorReply("JAVAKEYS.PEXPIRE", "s", Long.MAX_VALUE.toString()) shouldBe
            "ERR invalid expire time in 'javakeys.pexpire' command"
        server.call("PTTL", "s") shouldBe -1L
        server.call("GET", "s") shouldBe "v"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVAKEYS.PEXPIREAT sets the expire time PEXPIRETIME shows; a time past expires the key") {
        server.call("SET", "s", "v")
        val at = System.currentTimeMillis() + 100_000
        server.call("JAVAKEYS.PEXPIREAT", "s", at.toString()) shouldBe 1L
        server.call("PEXPIRETIME", "s") shouldBe at
        server.keyInfo("s")["expireat"] shouldBe at
        server.call("JAVAKEYS.PEXPIREAT", "s", "1") shouldBe 1L
        server.call("EXISTS", "s") shouldBe 0L
        server.call("JAVAKEYS.PEXPIREAT", "s", at.toString()) shouldBe 0L
        server.errorReply("JAVAKEYS.PEXPIREAT", "s", "-1") shouldBe "ERR the expire time must not be negative"
    }

    test("JAVAKEYS.PERSIST takes the time to live away: 1, then 0") {
        server.call("SET", "s", "v", "PX", "100000")
        server.call("JAVAKEYS.PERSIST", "s") shouldBe 1L
        server.call("PTTL", "s") shouldBe -1L
        server.call("JAVAKEYS.PERSIST", "s") shouldBe 0L
        server.call("JAVAKEYS.PERSIST", "missing") shouldBe 0L
    }

    test("JAVAKEYS.DBINFO counts another database's keys and picks one at random; the client stays on its own") {
        server.newClient().use { other ->
            other.select(2)
            other.set("a", "1")
            other.set("b", "2")
        }
        server.call("SET", "here", "v")
        val (size, random) = server.call("JAVAKEYS.DBINFO", "2") as List<*>
        size shouldBe 2L
        setOf("a", "b").contains(random) shouldBe true
        server.call("JAVAKEYS.DBINFO", "5") shouldBe listOf(0L, null)
        server.call("DBSIZE") shouldBe 1L
        server.call("GET", "here") shouldBe "v"
    }

    test("JAVAKEYS.DBINFO refuses a database the server lacks as SELECT does") {
        server.errorReply("JAVAKEYS.DBINFO", "16") shouldBe "ERR DB index is out of range"
        server.errorReply("JAVAKEYS.DBINFO", "-1") shouldBe "ERR DB index is out of range"
        server.errorReply("JAVAKEYS.DBINFO", "one") shouldBe "ERR value is not an integer or out of range"
        server.errorReply("SELECT", "16") shouldBe "ERR DB index is out of range"
        server.call("PING") shouldBe "PONG"
    }

    test("JAVAKEYS.TOUCH makes a transaction that watches the key fail") {
        server.call("SET", "s", "v")
        server.newClient().use { watcher ->
            watcher.watch("s")
            server.call("JAVAKEYS.TOUCH", "s") shouldBe 1L
            val transaction = watcher.multi()
            transaction.set("s", "from the transaction")
            transaction.exec().shouldBeNull()
        }
        server.call("GET", "s") shouldBe "v"
    }

    test("JAVAKEYS.TOUCH emits javakeys.touch to subscribers of module events; a missing key emits nothing") {
        server.call("CONFIG", "SET", "notify-keyspace-events", "KEd")
        server.call("SET", "s", "v")
        Subscriber(server, "__keyevent@0__:javakeys.touch", "__keyspace@0__:s").use { subscriber ->
            server.call("JAVAKEYS.TOUCH", "missing") shouldBe 0L
            server.call("JAVAKEYS.TOUCH", "s") shouldBe 1L
            setOf(subscriber.next(), subscriber.next()) shouldBe
                setOf("__keyspace@0__:s" to "javakeys.touch", "__keyevent@0__:javakeys.touch" to "s")
        }
    }

    test("key commands check their arity, and WRONGTYPE never comes from them") {
        server.errorReply("JAVAKEYS.DEL") shouldContain "wrong number of arguments for 'javakeys.del' command"
        server.errorReply("JAVAKEYS.PEXPIRE", "s") shouldContain "wrong number of arguments"
        server.call("RPUSH", "l", "x")
        server.call("JAVAKEYS.PEXPIRE", "l", "100000") shouldBe 1L
        server.call("JAVAKEYS.DEL", "l") shouldBe 1L
    }

    test("COMMAND DOCS has each command's summary") {
        decodeReply(server.command("COMMAND", "DOCS", "javakeys.touch")).toString() shouldContain
            "Signals the key as modified and emits the module keyspace event javakeys.touch for it."
        decodeReply(server.command("COMMAND", "INFO", "javakeys.info")).toString() shouldContain "readonly"
    }
})
