package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

/** Module arguments, MODULE UNLOAD and reload, and shutdown of a server that runs a JVM. */
class ModuleLifecycleSpec : FunSpec({
    timeout = 120_000

    test("module arguments reach onLoad; the loader's own arguments do not") {
        ValkeyServer.start(valkeyServerConfig {
            module(Modules.fixture, "jvm-option", "-Xmx256m", "jvm-option", "-XX:+UseSerialGC", "first", "second arg")
        }).use { server ->
            server.call("FIXTURE.ARGS") shouldBe listOf("first", "second arg")
            server.log() shouldContain "fixture loaded with 2 arguments"
            server.log() shouldContain "valkey-jvm: started the JVM"
        }
    }

    test("the JVM leaves the server its signals and its main thread's full stack") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            val stackKb = ProcessBuilder("sh", "-c", "ulimit -s").start().inputStream.bufferedReader().readText().trim()
            val expectedXss = if (stackKb == "unlimited") "-Xss8192k" else "-Xss${stackKb}k"
            @Suppress("UNCHECKED_CAST")
            val jvm = server.call("FIXTURE.JVM") as List<String>
            jvm shouldContain "-Xrs"
            jvm shouldContain expectedXss
            jvm shouldContain "_JAVA_SR_SIGNUM=40"
        }
    }

    test("a second JVM module joins the running JVM and says its JVM options are ignored") {
        ValkeyServer.start(valkeyServerConfig {
            module(Modules.hello)
            module(Modules.fixture, "jvm-option", "-Xmx64m", "x")
        }).use { server ->
            server.call("FIXTURE.ARGS") shouldBe listOf("x")
            server.log() shouldContain "this module joins it, and its java-home/jvm-option arguments are ignored"
            server.call("HELLO.LEFTPAD", "a", "2", "b") shouldBe "ba"
        }
    }

    test("MODULE UNLOAD removes the commands, and loading again works") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.lifecycle); module(Modules.hello) }).use { server ->
            repeat(3) { round ->
                server.call("MODULE", "UNLOAD", "lifecycle") shouldBe "OK"
                server.modules().keys shouldNotContain "lifecycle"
                server.errorReply("LIFECYCLE.ECHO", "x") shouldContain "unknown command"
                server.moduleLoad(Modules.lifecycle, "round$round").shouldBeNull()
                server.call("LIFECYCLE.ARGS") shouldBe listOf("round$round")
            }
            // onLoad called a command each time: the load at start and three reloads.
            server.call("GET", "lifecycle:loads") shouldBe "4"
            server.call("HELLO.LEFTPAD", "a", "2", "b") shouldBe "ba"
        }
    }

    test("unloading ends the module's coroutine threads: load and unload cycles leave none behind") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.lifecycle) }).use { server ->
            @Suppress("UNCHECKED_CAST")
            fun coroutineThreads() = (server.call("LIFECYCLE.THREADS") as List<String>)
                .filter { it.startsWith("valkey-module-") || it.startsWith("kotlinx.coroutines") || it.startsWith("DefaultDispatcher") }
            repeat(6) { round ->
                // Several clients at once, so that both pools start more than one thread.
                val clients = (1..4).map { server.callInBackground("LIFECYCLE.SLEEP", "20") }
                clients.forEach { it.get(10, TimeUnit.SECONDS) shouldBe "slept" }
                coroutineThreads().shouldNotBeEmpty()
                server.call("MODULE", "UNLOAD", "lifecycle") shouldBe "OK"
                server.moduleLoad(Modules.lifecycle, "round$round").shouldBeNull()
            }
            // kotlinx's timer thread lingers for a second after the last delay.
            awaitUntil("the unloaded modules' coroutine threads end") { coroutineThreads().isEmpty() }
            server.call("LIFECYCLE.SLEEP", "1") shouldBe "slept"
        }
    }

    test("a client blocked by the module keeps it loaded, as the server rules; once it has its reply, the unload works") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.lifecycle) }).use { server ->
            val sleeping = server.callInBackground("LIFECYCLE.SLEEP", "2000")
            awaitUntil("the client blocks") { server.info("clients", "blocked_clients") == "1" }
            server.errorReply("MODULE", "UNLOAD", "lifecycle") shouldContain "the module has blocked clients"
            sleeping.get(10, TimeUnit.SECONDS) shouldBe "slept"
            server.call("MODULE", "UNLOAD", "lifecycle") shouldBe "OK"
        }
    }

    test("an onUnload that throws refuses the unload, with the reason in the log") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.lifecycle) }).use { server ->
            server.call("LIFECYCLE.REFUSEUNLOAD") shouldBe "OK"
            server.errorReply("MODULE", "UNLOAD", "lifecycle") shouldContain "Error unloading module"
            server.log() shouldContain "module 'lifecycle' refused to unload: its onUnload threw java.lang.IllegalStateException: a test asked to keep the module loaded"
            server.modules().keys shouldContain "lifecycle"
            server.call("LIFECYCLE.ECHO", "kept") shouldBe "kept"
        }
    }

    test("timers fire once on the main thread, can be stopped, tell their remaining time; a pending one blocks unload") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.lifecycle) }).use { server ->
            (server.call("LIFECYCLE.TIMER", "100000") as Long) shouldBeInRange 99_000L..100_000L
            server.errorReply("MODULE", "UNLOAD", "lifecycle") shouldBe "ERR Error unloading module: the module holds timer that is not fired. Please stop the timer or wait until it fires."
            server.call("LIFECYCLE.STOPTIMERS") shouldBe 1L
            server.call("LIFECYCLE.TIMER", "50")
            val deadline = System.currentTimeMillis() + 5_000
            while (server.call("LIFECYCLE.TIMERSFIRED") != 1L) {
                check(System.currentTimeMillis() < deadline) { "the timer did not fire" }
                Thread.sleep(10)
            }
            server.call("LIFECYCLE.STOPTIMERS") shouldBe 0L // already fired: nothing to stop
            server.call("MODULE", "UNLOAD", "lifecycle") shouldBe "OK"
        }
    }

    test("a module that exports a data type cannot be unloaded: the server refuses with its message") {
        ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) }).use { server ->
            server.errorReply("MODULE", "UNLOAD", "fixture") shouldBe
                "ERR Error unloading module: the module exports one or more module-side data types, can't unload"
            server.call("FIXTURE.ECHO", "kept") shouldBe "kept"
        }
    }

    test("SIGTERM shuts the server down cleanly: exit code 0, its own shutdown lines, no JVM shutdown hooks") {
        val server = ValkeyServer.start(valkeyServerConfig { module(Modules.fixture); module(Modules.hello) })
        server.use {
            server.call("FIXTURE.ECHO", "up") shouldBe "up"
            server.signal("TERM")
            server.awaitExit(20.seconds) shouldBe 0
            server.log() shouldContain "Received SIGTERM scheduling shutdown"
            server.log() shouldContain "User requested shutdown"
            server.log() shouldContain "is now ready to exit, bye bye"
            server.stdout() shouldNotContain "JVM shutdown hook ran"
        }
    }

    test("shutting down cancels the module's coroutines, in bounded time") {
        val server = ValkeyServer.start(valkeyServerConfig { module(Modules.fixture) })
        server.use {
            val waiting = java.util.concurrent.Executors.newSingleThreadExecutor()
            waiting.submit { runCatching { server.newClient().use { it.sendCommand({ "FIXTURE.SLEEP".toByteArray() }, "600000".toByteArray(), "0".toByteArray()) } } }
            val deadline = System.currentTimeMillis() + 10_000
            while (server.call("FIXTURE.STARTED") != 1L) {
                check(System.currentTimeMillis() < deadline) { "the blocked command's coroutine did not start" }
                Thread.sleep(10)
            }
            server.signal("TERM")
            server.awaitExit(20.seconds) shouldBe 0
            server.stdout() shouldContain "fixture: sleep 600000 cancelled"
            waiting.shutdownNow()
        }
    }
})
