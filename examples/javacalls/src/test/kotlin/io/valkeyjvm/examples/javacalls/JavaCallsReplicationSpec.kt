package io.valkeyjvm.examples.javacalls

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Files
import kotlin.io.path.name

/** A server with the module, writing every change to its AOF before it replies. */
private fun startWithAof(): ValkeyServer = ValkeyServer.start(valkeyServerConfig {
    module(javaCallsModule)
    config("appendonly", "yes")
    config("appendfsync", "always")
})

/** What the AOF's incremental files hold, as the commands' RESP text. */
private fun ValkeyServer.aofText(): String =
    Files.list(dir.resolve("appendonlydir")).use { files ->
        files.filter { it.name.endsWith(".incr.aof") }.sorted().toList().joinToString("") { Files.readString(it, Charsets.ISO_8859_1) }
    }

/** Waits until the replica has applied everything the primary sent so far. */
private fun ValkeyServer.awaitReplica() {
    call("WAIT", "1", "10000") shouldBe 1L
}

/** A primary with its AOF on, and a replica: both load the module, as the replica runs what it is sent. */
class JavaCallsReplicationSpec : FunSpec({
    timeout = 120_000

    fun withPrimaryAndReplica(test: (primary: ValkeyServer, replica: ValkeyServer) -> Unit) {
        startWithAof().use { primary ->
            primary.awaitBackgroundWork()
            ValkeyServer.start(valkeyServerConfig { module(javaCallsModule) }).use { replica ->
                replica.replicaOf(primary)
                test(primary, replica)
            }
        }
    }

    test("JAVACALLS.TALLY replicates verbatim: replicas run it and count once, and the AOF has the command, not its HINCRBY") {
        withPrimaryAndReplica { primary, replica ->
            primary.call("JAVACALLS.TALLY", "votes", "yes") shouldBe 1L
            primary.call("JAVACALLS.TALLY", "votes", "yes") shouldBe 2L
            primary.call("JAVACALLS.TALLY", "votes", "no") shouldBe 1L
            primary.awaitReplica()
            replica.call("HGETALL", "votes") shouldBe primary.call("HGETALL", "votes")
            replica.call("HGET", "votes", "yes") shouldBe "2"
            val aof = primary.aofText()
            Regex("javacalls\\.tally", RegexOption.IGNORE_CASE).findAll(aof).toList() shouldHaveSize 3
            aof shouldNotContain "HINCRBY"
        }
    }

    test("JAVACALLS.NEWID replicates its effect: the replica and the AOF get the id the primary drew") {
        withPrimaryAndReplica { primary, replica ->
            val first = primary.call("JAVACALLS.NEWID", "session") as String
            val second = primary.call("JAVACALLS.NEWID", "other") as String
            first shouldNotBe second
            primary.awaitReplica()
            replica.call("GET", "session") shouldBe first
            replica.call("GET", "other") shouldBe second
            primary.call("GET", "session") shouldBe first
            val aof = primary.aofText()
            aof shouldContain "\$3\r\nSET\r\n\$7\r\nsession\r\n\$36\r\n$first\r\n"
            aof.lowercase() shouldNotContain "javacalls.newid"
        }
    }

    test("JAVACALLS.PUSHID's RPUSH replicates with the id it pushed") {
        withPrimaryAndReplica { primary, replica ->
            val ids = List(3) { primary.call("JAVACALLS.PUSHID", "ids") as String }
            ids.toSet() shouldHaveSize 3
            primary.awaitReplica()
            replica.call("LRANGE", "ids", "0", "-1") shouldBe ids
            val aof = primary.aofText()
            for (id in ids) aof shouldContain "RPUSH\r\n\$3\r\nids\r\n\$36\r\n$id\r\n"
            aof.lowercase() shouldNotContain "javacalls.pushid"
        }
    }

    test("a call's writes go to replicas and the AOF, or only one of them, or nowhere, as its flags say") {
        withPrimaryAndReplica { primary, replica ->
            primary.call("JAVACALLS.CALL", "-", "SET", "everywhere", "1") shouldBe "OK"
            primary.call("JAVACALLS.CALL", "replicas_only", "SET", "replicas-only", "1") shouldBe "OK"
            primary.call("JAVACALLS.CALL", "aof_only", "SET", "aof-only", "1") shouldBe "OK"
            primary.call("JAVACALLS.CALL", "not_propagated", "SET", "here-only", "1") shouldBe "OK"
            primary.awaitReplica()
            primary.call("EXISTS", "everywhere", "replicas-only", "aof-only", "here-only") shouldBe 4L
            replica.call("EXISTS", "everywhere") shouldBe 1L
            replica.call("EXISTS", "replicas-only") shouldBe 1L
            replica.call("EXISTS", "aof-only") shouldBe 0L
            replica.call("EXISTS", "here-only") shouldBe 0L
            val aof = primary.aofText()
            aof shouldContain "\r\neverywhere\r\n"
            aof shouldNotContain "replicas-only"
            aof shouldContain "\r\naof-only\r\n"
            aof shouldNotContain "here-only"
        }
    }

    test("a replica refuses JAVACALLS.CALL from its clients, which is flagged write") {
        withPrimaryAndReplica { _, replica ->
            replica.errorReply("JAVACALLS.CALL", "-", "GET", "k") shouldBe "READONLY You can't write against a read only replica."
            replica.call("PING") shouldBe "PONG"
        }
    }
})
