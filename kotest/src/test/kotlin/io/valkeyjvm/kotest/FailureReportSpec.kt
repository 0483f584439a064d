package io.valkeyjvm.kotest

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class FailureReportSpec : FunSpec({
    timeout = 60_000

    test("the failure report names the test and carries the server's log and stdout tails") {
        ValkeyServer.start(valkeyServerConfig()).use { server ->
            val report = failureReport("com.example.MySpec", "group -> does things", listOf(server))
            report shouldContain "test failed: com.example.MySpec / group -> does things"
            report shouldContain "${server.port}"
            report shouldContain "running"
            report shouldContain "Ready to accept connections"
            report shouldContain "stdout.log (server stdout and stderr)"
        }
    }

    test("tail keeps the last lines without the trailing newline") {
        tail("a\nb\nc\n", 2) shouldBe "b\nc"
        tail("", 5) shouldBe ""
        tail("a\nb", 60) shouldBe "a\nb"
    }

    test("decodeReply turns byte arrays into strings, recursively") {
        decodeReply("OK".toByteArray()) shouldBe "OK"
        decodeReply(listOf("a".toByteArray(), 1L, null, listOf("b".toByteArray()))) shouldBe listOf("a", 1L, null, listOf("b"))
        decodeReply(java.util.AbstractMap.SimpleImmutableEntry("k".toByteArray(), "v".toByteArray())) shouldBe ("k" to "v")
    }
})
