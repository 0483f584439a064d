package io.valkeyjvm.kotest

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import kotlin.time.Duration.Companion.milliseconds

class ValkeyServerStartFailureSpec : FunSpec({
    timeout = 60_000

    val scratch = Files.createTempDirectory("valkey-jvm-kotest-spec-")
    afterSpec { scratch.toFile().deleteRecursively() }

    test("a bad directive fails the start with the server's own error text") {
        val error = shouldThrow<ValkeyServerStartException> {
            ValkeyServer.start(valkeyServerConfig { config("no-such-directive" to "x") })
        }
        error.message shouldContain "exited with code 1 before answering PING"
        error.message shouldContain "Bad directive or wrong number of arguments"
        error.message shouldContain "no-such-directive"
    }

    test("a module that cannot be loaded fails the start with the log tail") {
        val notAModule = scratch.resolve("not-a-module.so")
        Files.writeString(notAModule, "this is not an ELF file")
        val error = shouldThrow<ValkeyServerStartException> {
            ValkeyServer.start(valkeyServerConfig { module(notAModule, "some-arg") })
        }
        error.message shouldContain "--loadmodule $notAModule some-arg"
        error.message shouldContain "last 60 lines of valkey.log"
        error.message shouldContain "Module $notAModule failed to load"
    }

    test("a server that never answers PING fails after startTimeout, with its stdout") {
        val fake = scratch.resolve("fake-valkey-server")
        Files.writeString(fake, "#!/bin/sh\necho fake server says hello\nexec sleep 30\n")
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"))
        val started = System.nanoTime()
        val error = shouldThrow<ValkeyServerStartException> {
            ValkeyServer.start(valkeyServerConfig { serverBinary = fake; startTimeout = 500.milliseconds })
        }
        ((System.nanoTime() - started) / 1_000_000 < 10_000) shouldBe true
        error.message shouldContain "did not answer PING within 500ms"
        error.message shouldContain "fake server says hello"
    }

    test("ValkeyModuleLoad on a missing file fails with a clear message") {
        val missing = scratch.resolve("target/libmissing.so")
        val error = shouldThrow<IllegalArgumentException> { ValkeyModuleLoad(missing) }
        error.message shouldContain "Valkey module file not found: $missing"
        error.message shouldContain "Build the module first"
    }

    test("directives are checked when added") {
        shouldThrow<IllegalArgumentException> { valkeyServerConfig { config("--port", "1") } }
        shouldThrow<IllegalArgumentException> { valkeyServerConfig { config("save") } }
    }

    test("a missing valkey-server binary points at the README's install instructions") {
        val noPath = shouldThrow<IllegalStateException> { locateServerBinary(mapOf("PATH" to scratch.toString())) }
        noPath.message shouldContain "valkey-server was not found"
        noPath.message shouldContain "valkey-server 8.0.1 from Debian bookworm-backports"
        noPath.message shouldContain "README"

        val badEnv = shouldThrow<IllegalStateException> {
            locateServerBinary(mapOf(VALKEY_SERVER_ENV to scratch.resolve("nope").toString()))
        }
        badEnv.message shouldContain "VALKEY_SERVER_PATH="
        badEnv.message shouldContain "bookworm-backports"

        shouldThrow<IllegalStateException> { valkeyServerConfig { serverBinary = Path.of("/nonexistent/valkey-server") } }
            .message shouldContain "bookworm-backports"

        locateServerBinary(mapOf("PATH" to "/nonexistent:/usr/bin")) shouldBe Path.of("/usr/bin/valkey-server")
    }
})
