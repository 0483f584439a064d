package io.valkeyjvm.examples.rustcrontab

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.awaitUntil
import io.valkeyjvm.kotest.valkeyServerConfig
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

private val module: Path = Path.of(System.getProperty("valkey.module.dir", "target")).resolve("rustcrontab.so")

class CrontabSpec : FunSpec({
    timeout = 60_000

    test("in dev, the two 5-second jobs run together on each 5-second mark, the 10-second job on every other") {
        ValkeyServer.start(valkeyServerConfig { module(module, "dev"); config("loglevel" to "debug") }).use { server ->
            server.log() shouldContain "<crontab> env_name, \"dev\", ENV_CONFIG: Environment(cronFn1Fn2=*/5 * * * * * *, cronFn3=*/10 * * * * * *)"
            fun runs(job: String) = Regex("<crontab> $job ran").findAll(server.log()).count()
            awaitUntil("a 10-second job run", 15.seconds) { runs("cron_fn3") >= 1 }
            awaitUntil("the 5-second jobs' next run", 8.seconds) { runs("cron_fn1") >= 2 }
            runs("cron_fn2") shouldBe runs("cron_fn1")
            runs("cron_fn3") shouldBeLessThanOrEqual runs("cron_fn1")
            server.call("PING") shouldBe "PONG"
        }
    }

    test("any other environment: every 15 and 30 seconds") {
        ValkeyServer.start(valkeyServerConfig { module(module) }).use { server ->
            server.log() shouldContain "<crontab> env_name, \"\", ENV_CONFIG: Environment(cronFn1Fn2=*/15 * * * * * *, cronFn3=*/30 * * * * * *)"
        }
    }

    test("a schedule runs once per mark, however many cron ticks fall near it; expressions of another form are refused") {
        val every5 = EverySeconds.parse("*/5 * * * * * *")
        every5.latestAtOrBefore(12_345) shouldBe 10_000L
        every5.latestAtOrBefore(15_000) shouldBe 15_000L
        shouldThrow<IllegalArgumentException> { EverySeconds.parse("0 * * * * * *") }.message shouldBe
            "cron expression '0 * * * * * *' is not of the form */N * * * * * * (N from 1 to 59)"
    }
})
