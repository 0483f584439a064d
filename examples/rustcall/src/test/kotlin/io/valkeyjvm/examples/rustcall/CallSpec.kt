package io.valkeyjvm.examples.rustcall

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import java.util.concurrent.TimeUnit

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class CallSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustcall.so"))))

    test("CALL.TEST passes, and leaves the hash it wrote") {
        server.call("CALL.TEST") shouldBe "pass"
        server.call("HGETALL", "x") shouldBe listOf("foo", "bar")
    }

    test("CALL.TEST fails with the Rust example's message when HGETALL x holds more") {
        server.call("HSET", "x", "other", "field")
        try {
            server.errorReply("CALL.TEST") shouldBe "Reply of hgetall does not match expected value"
        } finally {
            server.call("DEL", "x")
        }
    }

    test("CALL.BLOCKING and CALL.BLOCKING_FROM_DETACHED_CTX answer nil when the list stays empty") {
        server.call("CALL.BLOCKING") shouldBe null
        server.call("CALL.BLOCKING_FROM_DETACHED_CTX") shouldBe null
    }

    test("both pop at once from a list that has elements") {
        server.call("RPUSH", "list", "a", "b")
        server.call("CALL.BLOCKING") shouldBe listOf("list", "a")
        server.call("CALL.BLOCKING_FROM_DETACHED_CTX") shouldBe listOf("list", "b")
    }

    test("CALL.BLOCKING waits for a push within its second") {
        server.call("DEL", "list")
        val popped = server.callInBackground("CALL.BLOCKING")
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5)
        while ((server.call("INFO", "clients") as String).lines().none { it.trim() == "blocked_clients:1" } && !popped.isDone) {
            check(System.nanoTime() < deadline) { "the client never blocked" }
            Thread.sleep(5)
        }
        server.call("RPUSH", "list", "late")
        // If the push came after the second, the reply is nil and the element stays.
        val reply = popped.get(10, TimeUnit.SECONDS)
        if (reply == null) server.call("LPOP", "list") shouldBe "late" else reply shouldBe listOf("list", "late")
    }
})
