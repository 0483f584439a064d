package io.valkeyjvm.kotest

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import kotlin.time.Duration.Companion.milliseconds

/** The kit's helpers for looking at a running server: decoded calls, INFO, and bounded waits. */
class ServerInspectionSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer())

    test("call() decodes replies into strings, numbers, lists and null") {
        server.call("SET", "k", "v") shouldBe "OK"
        server.call("GET", "k") shouldBe "v"
        server.call("INCR", "n") shouldBe 1L
        server.call("RPUSH", "l", "a", "b") shouldBe 2L
        server.call("LRANGE", "l", "0", "-1") shouldBe listOf("a", "b")
        server.call("GET", "missing") shouldBe null
    }

    test("errorReply() returns a failing command's error, and fails if the command succeeds") {
        server.call("SET", "text", "v")
        server.errorReply("INCR", "text") shouldBe "ERR value is not an integer or out of range"
        shouldThrow<AssertionError> { server.errorReply("GET", "text") }.message shouldBe
            "GET text succeeded with v; an error reply was expected"
    }

    test("modules() lists no module on a plain server") {
        server.modules() shouldBe emptyMap()
    }

    test("info() reads a section as fields, or one field, and names a field the server lacks") {
        server.info("server")["tcp_port"] shouldBe server.port.toString()
        server.info("keyspace", "db0") shouldContain "keys="
        shouldThrow<NoSuchElementException> { server.info("clients", "no_such_field") }.message shouldBe
            "INFO clients has no field 'no_such_field'"
    }

    test("awaitBackgroundWork() returns once a BGSAVE has written its file") {
        val before = server.info("persistence", "rdb_saves").toLong()
        server.call("BGSAVE") shouldBe "Background saving started"
        server.awaitBackgroundWork()
        server.info("persistence", "rdb_saves").toLong() shouldBe before + 1
        Files.exists(server.dir.resolve("dump.rdb")) shouldBe true
    }

    test("awaitUntil() returns when the condition holds, and fails naming what it awaited") {
        var polls = 0
        awaitUntil("the third poll") { ++polls == 3 }
        polls shouldBe 3
        shouldThrow<AssertionError> { awaitUntil("something that never happens", 100.milliseconds) { false } }.message shouldBe
            "awaited something that never happens, in vain for 100ms"
    }

    test("replicaOf() returns once the replica holds what the primary wrote") {
        ValkeyServer.start(valkeyServerConfig()).use { replica ->
            server.call("SET", "before-sync", "1")
            replica.replicaOf(server)
            replica.call("GET", "before-sync") shouldBe "1"
            server.call("SET", "after-sync", "2")
            replica.awaitInSyncWith(server)
            replica.call("GET", "after-sync") shouldBe "2"
        }
    }
})
