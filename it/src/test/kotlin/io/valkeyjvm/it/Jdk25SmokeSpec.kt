package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.nio.file.Files
import java.nio.file.Path

/**
 * A JDK 25, if this machine has one: VALKEY_JVM_JDK25, else a JDK under /usr/lib/jvm whose name
 * has "25" in it (Temurin 25 on the project's machines).
 */
internal val jdk25: Path? = System.getenv("VALKEY_JVM_JDK25")?.let { Path.of(it) }
    ?: runCatching {
        Files.list(Path.of("/usr/lib/jvm")).use { dirs ->
            dirs.filter { it.fileName.toString().contains("25") && Files.exists(it.resolve("lib/server/libjvm.so")) }.findFirst().orElse(null)
        }
    }.getOrNull()

/** A test's condition: it runs where the machine has a JDK 25, and says why it is skipped elsewhere. */
internal val onJdk25: (io.kotest.core.test.TestCase) -> io.kotest.core.test.Enabled = {
    if (jdk25 != null) io.kotest.core.test.Enabled.enabled
    else {
        val reason = "no JDK 25 on this machine (set VALKEY_JVM_JDK25): skipped"
        println(reason)
        io.kotest.core.test.Enabled.disabled(reason)
    }
}

/**
 * The SDK on JDK 25 (the JVM the first module creates, chosen with `java-home`): a module loads,
 * answers a command, saves a data type in a fork child and blocks a client on a coroutine, and
 * nothing is printed on the server's stderr (JDK 24+ warns about native access unless allowed).
 */
class Jdk25SmokeSpec : FunSpec({
    timeout = 120_000

    test("on JDK 25: load, a command, a data type BGSAVE, a suspending command, and no warning on stderr")
        .config(enabledOrReasonIf = onJdk25) {
            println("JDK 25 smoke test with $jdk25")
            startWith(Modules.fixture, moduleArgs = listOf("java-home", jdk25.toString())).use { server ->
                server.log() shouldContain "started the JVM from $jdk25"
                server.call("FIXTURE.ECHO", "on 25") shouldBe "on 25"
                server.call("FIXTURE.TSET", "blob", "1000", "7") shouldBe "OK"
                server.call("BGSAVE")
                server.awaitBackgroundWork()
                server.call("FIXTURE.SLEEP", "10", "0") shouldBe "slept 10"
                server.stdout() shouldNotContain "WARNING"
                server.shouldHaveNoCrashReport()
            }
        }
})
