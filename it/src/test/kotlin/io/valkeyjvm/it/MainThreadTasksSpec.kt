package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServer
import java.util.concurrent.TimeUnit

/** Tasks handed to the main thread (MainThread.execute, withValkey): one that fails must not stop the others. */
class MainThreadTasksSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)))

    test("a main-thread task whose failure cannot even be described leaves later tasks running") {
        server.call("FIXTURE.BADTASK") shouldBe "OK"
        // A background coroutine's withValkey and a suspending command's hop to the main thread, both after it.
        server.call("FIXTURE.LATERINCR", "after-bad-task", "0") shouldBe "OK"
        awaitUntil("the later task ran") { server.call("GET", "after-bad-task") == "1" }
        server.callInBackground("FIXTURE.ONMAIN").get(30, TimeUnit.SECONDS) shouldBe listOf(1L, 1L)
        server.call("PING") shouldBe "PONG"
        server.log() shouldContain "a main-thread task threw, and describing the failure failed too"
    }
})
