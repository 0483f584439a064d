@file:OptIn(io.valkeyjvm.raw.RawValkeyApi::class)

package io.valkeyjvm.it

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.valkeyServerConfig
import io.valkeyjvm.raw.LoaderContract

/**
 * Every way a load can fail ends with one server log line naming the problem and the fix, an
 * error for MODULE LOAD, nothing left registered, and a server that keeps serving.
 */
class LoadFailureSpec : FunSpec({
    timeout = 120_000

    /** A server with no module loaded yet, so no JVM in it yet either. */
    fun <T> withEmptyServer(block: (ValkeyServer) -> T): T = ValkeyServer.start(valkeyServerConfig()).use(block)

    fun ValkeyServer.shouldStillServe() {
        call("PING") shouldBe "PONG"
        call("SET", "k", "v") shouldBe "OK"
    }

    test("a .so without its jar: the log names the missing jar") {
        withEmptyServer { server ->
            val lonely = Modules.copy("lonely", jar = null)
            server.moduleLoad(lonely).shouldNotBeNull() shouldContain "Error loading the extension"
            server.log() shouldContain "valkey-jvm: $lonely: module jar ${lonely.parent.resolve("lonely.jar")} not found"
            server.shouldStillServe()
        }
    }

    test("no JVM where java-home points: the log says where it looked and how to fix it") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.fixture, "java-home", "/nonexistent/jdk").shouldNotBeNull()
            server.log() shouldContain "no JVM at /nonexistent/jdk/lib/server/libjvm.so (java home taken from the java-home module argument)"
            server.shouldStillServe()
            // Nothing was created, so a corrected load works.
            server.moduleLoad(Modules.fixture).shouldBeNull()
            server.call("FIXTURE.ECHO", "ok") shouldBe "ok"
        }
    }

    test("a loader argument without its value") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.fixture, "jvm-option").shouldNotBeNull()
            server.log() shouldContain "module argument 'jvm-option' needs a value"
            server.shouldStillServe()
        }
    }

    test("a JVM option the JVM rejects: the load fails and the server keeps serving") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.fixture, "jvm-option", "-XX:+NoSuchOptionAnywhere").shouldNotBeNull()
            server.log() shouldContain "JNI_CreateJavaVM failed"
            server.log() shouldContain "-XX:+NoSuchOptionAnywhere"
            server.shouldStillServe()
            // The JVM was never created, so a load with good options creates it.
            server.moduleLoad(Modules.fixture, "jvm-option", "-Xmx128m").shouldBeNull()
            server.call("FIXTURE.ECHO", "recovered") shouldBe "recovered"
        }
    }

    test("more jvm-option arguments than the loader takes: a named error, not a silent cut") {
        withEmptyServer { server ->
            val options = (1..49).flatMap { listOf("jvm-option", "-Dvalkeyjvm.test.option$it=1") }.toTypedArray()
            server.moduleLoad(Modules.fixture, *options).shouldNotBeNull()
            server.log() shouldContain "more than 48 jvm-option arguments"
            server.log() shouldContain "-XX:VMOptionsFile="
            server.shouldStillServe()
        }
    }

    test("a module that requires a newer server is refused before anything registers, with a line that says why") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.future, "a", "b").shouldNotBeNull()
            // The checks log under the module's name, and so does the refusal.
            server.log() shouldContain Regex("<future> checking server \\d+\\.\\d+\\.\\d+ with 2 arguments")
            server.log() shouldContain "module 'future' refused to load: it needs Valkey 99.0 or later; this server is "
            server.log() shouldContain Regex("<future> valkey-jvm: \\S+: module 'future' refused to load")
            (server.call("MODULE", "LIST") as List<*>).shouldBeEmpty()
            server.errorReply("FUTURE.PING") shouldContain "unknown command"
        }
    }

    test("a jar without the valkey-jvm core") {
        withEmptyServer { server ->
            val so = Modules.copy("bare", jar = Modules.emptyJar())
            server.moduleLoad(so).shouldNotBeNull()
            server.log() shouldContain "does not contain the valkey-jvm core (${LoaderContract.CLASS_UPCALLS}"
            server.shouldStillServe()
        }
    }

    test("no shared runtime jar beside the module: a clear error, and the server keeps serving") {
        withEmptyServer { server ->
            val so = Modules.copy("alone", withRuntime = false)
            server.moduleLoad(so).shouldNotBeNull()
            server.log() shouldContain "the valkey-jvm runtime ${so.parent.resolve(Modules.runtimeJar.fileName)} is missing"
            server.shouldStillServe()
        }
    }

    test("a jar that names no module class, or a class that is not there") {
        withEmptyServer { server ->
            val unnamed = Modules.copy("unnamed", jar = Modules.fixtureJarWith { it.remove(java.util.jar.Attributes.Name("Valkey-Module-Class")) })
            server.moduleLoad(unnamed).shouldNotBeNull()
            server.log() shouldContain "names no module class (no Valkey-Module-Class in its manifest)"
            val wrong = Modules.copy("wrong", jar = Modules.fixtureJarWith { it.putValue("Valkey-Module-Class", "no.such.Module") })
            server.moduleLoad(wrong).shouldNotBeNull()
            server.log() shouldContain "class no.such.Module (the jar's Valkey-Module-Class) is not in"
            server.shouldStillServe()
        }
    }

    test("onLoad throwing: nothing stays registered, and a later load works") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.fixture, "fail-on-load").shouldNotBeNull()
            server.log() shouldContain "module 'fixture': its onLoad threw java.lang.IllegalStateException: asked to fail on load"
            server.modules().keys shouldNotContain "fixture"
            server.errorReply("FIXTURE.ECHO", "x") shouldContain "unknown command"
            server.shouldStillServe()
            server.moduleLoad(Modules.fixture, "a", "b").shouldBeNull()
            server.call("FIXTURE.ARGS") shouldBe listOf("a", "b")
        }
    }

    test("failed loads leave nothing behind in the server: 60 onLoad failures do not grow its memory") {
        withEmptyServer { server ->
            fun usedMemory() = server.info("memory", "used_memory").toLong()
            server.moduleLoad(Modules.fixture, "fail-on-load").shouldNotBeNull() // the JVM starts once
            val before = usedMemory()
            repeat(60) { server.moduleLoad(Modules.fixture, "fail-on-load").shouldNotBeNull() }
            // Each failed load used to keep its detached context's client, about 18 KB: 1 MB for 60.
            (usedMemory() - before) shouldBeLessThan 256L * 1024
            server.shouldStillServe()
        }
    }

    test("a module name already taken by another module") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.fixture).shouldBeNull()
            server.moduleLoad(Modules.copy("twin")).shouldNotBeNull()
            server.log() shouldContain "a module named 'fixture' is already loaded; unload it first (MODULE UNLOAD fixture)"
            server.call("FIXTURE.ECHO", "first") shouldBe "first"
        }
    }

    test("the same file loaded twice") {
        withEmptyServer { server ->
            server.moduleLoad(Modules.fixture).shouldBeNull()
            server.moduleLoad(Modules.fixture).shouldNotBeNull()
            server.log() shouldContain "this file is already loaded as module 'fixture'"
            server.modules().keys shouldContain "fixture"
            server.call("FIXTURE.ECHO", "still") shouldBe "still"
        }
    }
})
