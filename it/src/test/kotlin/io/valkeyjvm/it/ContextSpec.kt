package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig

/**
 * The command's context beyond keys and calls: the client (clientInfo, clientName, setClientName), a
 * key's LRU and LFU, the server's version and clocks, ResetDataset, cluster slots, calls with the
 * server's exact error lines, and commands replayed from the primary (mustObeyClient).
 */
class ContextSpec : FunSpec({
    timeout = 120_000

    val server = ValkeyServer.start(valkeyServerConfig { module(Modules.context) })
    afterSpec { server.close() }

    fun version(s: ValkeyServer): List<Int> = s.info("server", "valkey_version").split('.').map { it.toInt() }

    test("the client: its id and database, its name set and read both ways; a bad name is a clear error") {
        val me = server.call("ctxfx.me") as List<*>
        me[0] shouldBe server.call("CLIENT", "ID")
        me[1] shouldBe 0L
        me[2] shouldBe 0L
        server.call("ctxfx.name") shouldBe null
        server.call("ctxfx.setname", "worker-1") shouldBe "OK"
        server.call("CLIENT", "GETNAME") shouldBe "worker-1"
        server.call("CLIENT", "SETNAME", "other") shouldBe "OK"
        server.call("ctxfx.name") shouldBe "other"
        server.errorReply("ctxfx.setname", "a b") shouldContain "Invalid argument"
        server.call("CLIENT", "GETNAME") shouldBe "other"
        server.call("ctxfx.cert") shouldBe null
        server.call("PING") shouldBe "PONG"

        RawResp(server.host, server.port, 2).use { raw ->
            raw.exchange("SELECT", "3") shouldBe "+OK\r\n"
            raw.exchange("ctxfx.me") shouldContain "\r\n:3\r\n:0\r\n:0\r\n"
        }
    }

    test("LRU idle time and LFU frequency follow the maxmemory-policy; an empty key is a clear error") {
        server.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")
        server.call("SET", "k", "v")
        server.call("ctxfx.setlru", "k", "100000") shouldBe 1L
        (server.call("OBJECT", "IDLETIME", "k") as Long) shouldBeGreaterThanOrEqual 100L
        (server.call("ctxfx.lru", "k") as Long) shouldBeGreaterThanOrEqual 100_000L
        server.call("ctxfx.lfu", "k") shouldBe -1L
        server.call("ctxfx.setlfu", "k", "7") shouldBe 0L

        server.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu")
        server.call("ctxfx.setlfu", "k", "50") shouldBe 1L
        (server.call("OBJECT", "FREQ", "k") as Long) shouldBeLessThanOrEqual 50L
        (server.call("ctxfx.lfu", "k") as Long) shouldBeLessThanOrEqual 50L
        server.call("ctxfx.lru", "k") shouldBe -1L
        server.call("ctxfx.setlru", "k", "1000") shouldBe 0L
        server.call("CONFIG", "SET", "maxmemory-policy", "noeviction")

        server.errorReply("ctxfx.lru", "missing") shouldContain "key 'missing' is empty"
        server.call("PING") shouldBe "PONG"
    }

    test("the server's version and monotonic clock; ResetDataset empties every database and keeps functions") {
        server.call("ctxfx.version") shouldBe server.info("server", "valkey_version")
        val first = server.call("ctxfx.mono") as Long
        (server.call("ctxfx.mono") as Long) shouldBeGreaterThanOrEqual first

        server.call("SET", "a", "1")
        server.call("FUNCTION", "LOAD", "#!lua name=ctxlib\nserver.register_function('ctxf', function() return 1 end)")
        server.call("ctxfx.reset") shouldBe "OK"
        server.call("DBSIZE") shouldBe 0L
        server.call("FCALL", "ctxf", "0") shouldBe 1L
        server.call("FUNCTION", "FLUSH")
    }

    test("cluster slots: a key's slot as CLUSTER KEYSLOT says, a canonical tag per slot; a slot out of range is a clear error") {
        server.call("ctxfx.slot", "foo") shouldBe 12182L
        server.call("ctxfx.slot", "a{foo}b") shouldBe 12182L
        val tag = server.call("ctxfx.tag", "100") as String
        server.call("ctxfx.slot", "x{$tag}y") shouldBe 100L
        server.errorReply("ctxfx.tag", "16384") shouldContain "no cluster slot 16384"
        server.call("PING") shouldBe "PONG"
    }

    test("EXACT_ERRORS passes the server's own refusal line; without it, the refusal's reason; a dry run that would run is null") {
        server.errorReply("ctxfx.exact", "SET", "x", "1") shouldBe "ERR Write command 'set' was called while write is not allowed."
        server.call("ctxfx.refused", "SET", "x", "1") shouldBe "WRITE_OR_OOM"
        server.call("ctxfx.exact", "GET", "x") shouldBe null
        server.errorReply("ctxfx.exact", "NOSUCH") shouldStartWith "ERR unknown command 'NOSUCH'"
        server.call("ctxfx.dryrun", "SET", "x", "1") shouldBe null
        server.call("EXISTS", "x") shouldBe 0L
        server.call("PING") shouldBe "PONG"
    }

    test("mustObeyClient: a replica counts the commands its primary sends, and applies exactly their effect") {
        if (version(server).let { it[0] < 8 || it[0] == 8 && it[1] < 1 }) {
            server.errorReply("ctxfx.incr", "n") shouldContain "mustObeyClient needs Valkey 8.1 or later"
            server.call("PING") shouldBe "PONG"
            return@test
        }
        ValkeyServer.start(valkeyServerConfig { module(Modules.context) }).use { replica ->
            replica.replicaOf(server)
            server.call("ctxfx.incr", "n") shouldBe 1L
            server.call("ctxfx.incr", "n") shouldBe 2L
            server.call("WAIT", "1", "5000") shouldBe 1L
            replica.call("GET", "n") shouldBe "2"
            replica.call("ctxfx.obeyed") shouldBe 2L
            server.call("ctxfx.obeyed") shouldBe 0L
        }
    }
})
