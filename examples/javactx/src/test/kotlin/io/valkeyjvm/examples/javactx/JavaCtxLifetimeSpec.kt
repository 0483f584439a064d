package io.valkeyjvm.examples.javactx

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer
import java.nio.file.Path
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

private fun command(name: String) = ProtocolCommand { name.toByteArray() }

/** The server strings the SDK makes for the Java commands (arguments, replies, dictionary values, published messages) are freed. */
class JavaCtxLifetimeSpec : FunSpec({
    timeout = 300_000
    val server = install(valkeyServer(ValkeyModuleLoad(moduleDir.resolve("javactx.so"))))

    test("200,000 calls that make, store, replace, read and publish strings leave the server's memory where it was") {
        val dictSet = command("JAVACTX.DICT.SET")
        val dictGet = command("JAVACTX.DICT.GET")
        val seek = command("JAVACTX.DICT.SEEK")
        val append = command("JAVACTX.STR.APPEND")
        val incrBy = command("JAVACTX.STR.INCRBY")
        val publish = command("JAVACTX.PUBLISH")
        val client = command("JAVACTX.CLIENT")
        val acl = command("JAVACTX.ACL.KEY")

        fun churn(rounds: Int) {
            server.newClient().use { jedis ->
                var pipeline = jedis.pipelined()
                for (i in 0 until rounds) {
                    pipeline.sendCommand(dictSet, "entry:${i % 1000}", "value-$i")
                    pipeline.sendCommand(dictGet, "entry:${(i * 7) % 1000}")
                    pipeline.sendCommand(seek, ">=", "entry:${i % 1000}", "NEXT", "3")
                    pipeline.sendCommand(append, "a-$i", "\u0000", "b")
                    pipeline.sendCommand(incrBy, "$i", "x") // an error reply
                    pipeline.sendCommand(publish, "nobody-listens", "message $i")
                    pipeline.sendCommand(client, *emptyArray<String>())
                    pipeline.sendCommand(acl, "default", "key:$i", "READ")
                    if (i % 1000 == 999) {
                        pipeline.sync()
                        pipeline = jedis.pipelined()
                    }
                }
                pipeline.sync()
            }
        }
        fun usedMemory() = server.info("memory", "used_memory").toLong()

        churn(5_000) // the dictionary has its 1,000 entries, the server's own structures have grown
        val before = usedMemory()
        churn(25_000) // 8 commands a round: 200,000 calls
        // One leaked string per call would be megabytes.
        (usedMemory() - before) shouldBeLessThan 512L * 1024
        server.call("JAVACTX.DICT.SIZE") shouldBe 1000L
        server.call("JAVACTX.DICT.GET", "entry:999") shouldBe "value-24999"
    }
})
