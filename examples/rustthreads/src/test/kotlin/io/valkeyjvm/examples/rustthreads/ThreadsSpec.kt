package io.valkeyjvm.examples.rustthreads

import io.kotest.assertions.withClue
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.longs.shouldBeLessThanOrEqual
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotBeEmpty
import io.kotest.matchers.types.shouldBeInstanceOf
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

class ThreadsSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("rustthreads.so"))))
    fun counter(): Long = (server.call("GET", "threads") as String?)?.toLong() ?: 0L

    test("GET_STATIC_DATA and GET_STATIC_DATA_ON_THREAD reply null before any SET_STATIC_DATA") {
        server.call("GET_STATIC_DATA").shouldBeNull()
        server.call("GET_STATIC_DATA_ON_THREAD").shouldBeNull()
    }

    test("SET_STATIC_DATA keeps a value that GET_STATIC_DATA and GET_STATIC_DATA_ON_THREAD reply") {
        server.call("SET_STATIC_DATA", "first") shouldBe "OK"
        server.call("GET_STATIC_DATA") shouldBe "first"
        server.call("GET_STATIC_DATA_ON_THREAD") shouldBe "first"
        server.call("SET_STATIC_DATA", "second value") shouldBe "OK"
        server.call("GET_STATIC_DATA") shouldBe "second value"
        server.call("GET_STATIC_DATA_ON_THREAD") shouldBe "second value"
    }

    test("THREADS replies null and the key \"threads\" counts up every second") {
        server.call("EXISTS", "threads") shouldBe 0L
        val started = System.currentTimeMillis()
        server.call("THREADS").shouldBeNull()
        while (counter() < 2) {
            check(System.currentTimeMillis() - started < 3_000) { "the counter is only at ${counter()} after 3 s" }
            Thread.sleep(50)
        }
    }

    test("a second THREADS call starts no second counter") {
        server.call("THREADS").shouldBeNull()
        val before = counter()
        Thread.sleep(3_000)
        val grown = counter() - before
        grown shouldBeGreaterThanOrEqual 2L
        grown shouldBeLessThanOrEqual 4L
    }

    test("INFO_FIELD_ON_THREAD replies a field of an INFO section, as INFO itself shows it") {
        val info = server.info("server")
        for (name in listOf("redis_version", "valkey_version", "server_name")) {
            val value = server.call("INFO_FIELD_ON_THREAD", "server", name)
            withClue("INFO_FIELD_ON_THREAD server $name") {
                value.shouldBeInstanceOf<String>().shouldNotBeEmpty()
                value shouldBe info[name]
            }
        }
    }

    test("INFO_FIELD_ON_THREAD replies null for a missing field or section") {
        server.call("INFO_FIELD_ON_THREAD", "server", "no_such_field").shouldBeNull()
        server.call("INFO_FIELD_ON_THREAD", "server", "Server").shouldBeNull()
        server.call("INFO_FIELD_ON_THREAD", "no_such_section", "redis_version").shouldBeNull()
    }

    test("the server keeps answering, and no client stays blocked") {
        server.call("PING") shouldBe "PONG"
        server.info("clients", "blocked_clients") shouldBe "0"
    }
})
