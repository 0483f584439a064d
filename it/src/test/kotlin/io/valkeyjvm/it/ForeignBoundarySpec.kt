package io.valkeyjvm.it

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain

/**
 * The two ways a command reaches Java and its replies reach the server: on JDK 22+ an FFM upcall
 * stub and critical FFM downcalls (arguments copied in place, replies passed in place), on JDK 17
 * a JNI upcall and JNI natives. The same fixture runs on both JVMs side by side, and every
 * command below must answer byte for byte the same, in RESP2 and RESP3: every reply kind, errors
 * and throws, a reply left unfinished, binary and large arguments (past the one-call copy's
 * buffer), many arguments, a command that calls a command of its own module (the copy's buffer
 * used twice on one thread), a length outside its array.
 */
class ForeignBoundarySpec : FunSpec({
    timeout = 180_000

    val replyKinds = listOf(
        "integer", "double", "true", "false", "bulk", "binary", "simple", "ok", "error", "coded-error", "null", "null-array",
        "empty-array", "empty-string", "array", "postponed-array", "map", "postponed-map", "set", "postponed-set", "big-number",
        "verbatim", "long-double", "long-double-inf",
    )
    val large = "x".repeat(20_000)
    val commands: List<List<String>> = replyKinds.map { listOf("FIXTURE.REPLY", it) } + listOf(
        listOf("FIXTURE.ECHO", "a\u0000b\r\nc"),
        listOf("FIXTURE.ECHO", ""),
        listOf("FIXTURE.ECHO", large),
        listOf("FIXTURE.ECHO", "é☃"),
        listOf("FIXTURE.CALL", "FIXTURE.ECHO", "nested"),
        listOf("FIXTURE.CALL", "FIXTURE.CALL", "FIXTURE.ECHO", large),
        listOf("FIXTURE.CALL", "ECHO", "plain"),
        listOf("FIXTURE.LATEARGS") + (1..100).map { "arg$it" },
        listOf("FIXTURE.LATEARGS", large, "b"),
        listOf("FIXTURE.THROW", "boom"),
        listOf("FIXTURE.ERROR", "ERR bad input"),
        listOf("FIXTURE.ERROR", "ERR not ascii: é☃"),
        listOf("FIXTURE.PLAINERROR", "no code"),
        listOf("FIXTURE.BUSYKEY"),
        listOf("FIXTURE.NOREPLY"),
        listOf("FIXTURE.PARTIAL"),
        listOf("FIXTURE.PARTIALPOSTPONED"),
        listOf("FIXTURE.TWICE"),
        listOf("FIXTURE.UNFINISHED"),
        listOf("FIXTURE.WRONGLENGTH"),
        listOf("FIXTURE.ECHO"),
        listOf("FIXTURE.ECHO", "one", "too many"),
        listOf("FIXTURE.TSET", "t", "100", "7"),
        listOf("FIXTURE.TGET", "t"),
        listOf("FIXTURE.TGET", "missing"),
        listOf("SET", "s", "plain"),
        listOf("FIXTURE.TGET", "s"),
        listOf("PING"),
    )

    /** Every command's raw reply on a server whose JVM is [javaHome] (null: the default JDK), with its INFO boundary fields. */
    fun answers(javaHome: String?, protocol: Int): Pair<List<String>, Map<String, String>> {
        val args = if (javaHome == null) emptyList() else listOf("java-home", javaHome)
        return startWith(Modules.fixture, moduleArgs = args).use { server ->
            val replies = RawResp(server.host, server.port, protocol).use { connection ->
                commands.map { connection.exchange(*it.toTypedArray()) }
            }
            val boundary = server.info("fixture_jvm").filterKeys { it.startsWith("fixture_foreign") }
            server.stdout() shouldNotContain "WARNING"
            server.shouldHaveNoCrashReport()
            replies to boundary
        }
    }

    for (protocol in listOf(2, 3)) {
        test("RESP$protocol: JDK 17 (JNI) and JDK 25 (FFM) answer every command byte for byte the same")
            .config(enabledOrReasonIf = onJdk25) {
                val (jni, jniBoundary) = answers(null, protocol)
                val (foreign, foreignBoundary) = answers(jdk25.toString(), protocol)
                // The default JVM is the one the build ran on, as a rule this test's own.
                val defaultForeign = if (Runtime.version().feature() >= 22) "1" else "0"
                jniBoundary shouldBe mapOf("fixture_foreign_command_entry" to defaultForeign, "fixture_foreign_downcalls" to defaultForeign)
                foreignBoundary shouldBe mapOf("fixture_foreign_command_entry" to "1", "fixture_foreign_downcalls" to "1")
                for (i in commands.indices) {
                    withClue(commands[i].joinToString(" ") { it.take(40) }) { foreign[i] shouldBe jni[i] }
                }
                // What the list is meant to reach: a reply of each kind, the failure paths and the large argument.
                jni[replyKinds.indexOf("map")] shouldContain if (protocol == 3) "%2" else "*4"
                jni[commands.indexOf(listOf("FIXTURE.ECHO", large))] shouldBe "\$20000\r\n$large\r\n"
                jni[commands.indexOf(listOf("FIXTURE.WRONGLENGTH"))] shouldContain "-ERR"
            }
    }

    test("on JDK 25, a module unloaded and loaded again ten times: its commands enter through a new stub each time")
        .config(enabledOrReasonIf = onJdk25) {
            startWith(Modules.lifecycle, moduleArgs = listOf("java-home", jdk25.toString())).use { server ->
                repeat(10) { cycle ->
                    server.call("LIFECYCLE.ECHO", "cycle $cycle") shouldBe "cycle $cycle"
                    server.info("lifecycle_jvm", "lifecycle_foreign_command_entry") shouldBe "1"
                    server.call("MODULE", "UNLOAD", "lifecycle") shouldBe "OK"
                    server.call("MODULE", "LOAD", Modules.lifecycle.toString()) shouldBe "OK"
                }
                server.call("LIFECYCLE.ECHO", "last") shouldBe "last"
                server.shouldHaveNoCrashReport()
            }
        }

    test("-Dvalkeyjvm.foreign=false keeps JNI on JDK 25, and the commands still answer")
        .config(enabledOrReasonIf = onJdk25) {
            startWith(Modules.fixture, moduleArgs = listOf("java-home", jdk25.toString(), "jvm-option", "-Dvalkeyjvm.foreign=false")).use { server ->
                server.info("fixture_jvm", "fixture_foreign_command_entry") shouldBe "0"
                server.info("fixture_jvm", "fixture_foreign_downcalls") shouldBe "0"
                server.call("FIXTURE.ECHO", "jni") shouldBe "jni"
            }
        }
})
