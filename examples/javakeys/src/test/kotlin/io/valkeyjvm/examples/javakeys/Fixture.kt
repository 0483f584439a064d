package io.valkeyjvm.examples.javakeys

import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.ValkeyServer
import io.valkeyjvm.kotest.decodeReply
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import redis.clients.jedis.JedisPubSub
import redis.clients.jedis.commands.ProtocolCommand

private val moduleDir: Path = Path.of(System.getProperty("valkey.module.dir", "target"))

/** The javakeys module, as the build packages it. */
val javaKeysModule: ValkeyModuleLoad get() = ValkeyModuleLoad(moduleDir.resolve("javakeys.so"))

/** Sends a command whose arguments are raw bytes (NUL bytes, bytes that are not UTF-8) and replies as sent. */
fun ValkeyServer.binary(command: String, vararg args: ByteArray): Any? =
    client.sendCommand(ProtocolCommand { command.toByteArray() }, *args)

/** `"a\u0000b"` as its bytes, for [binary]. */
val String.bytes: ByteArray get() = toByteArray(Charsets.UTF_8)

/** The reply of `server.call(...)` for JAVAKEYS.INFO (a flat array in RESP2) as a map. */
fun ValkeyServer.keyInfo(vararg args: String): Map<String, Any?> =
    (call("JAVAKEYS.INFO", *args) as List<*>).chunked(2).associate { (name, value) -> name as String to value }

/** A statistic of INFO stats, such as keyspace_hits. */
fun ValkeyServer.stat(name: String): Long = info("stats", name).toLong()

/**
 * A client of its own subscribed to [channels], as a user's client would be; [next] takes the
 * messages in the order the server published them.
 */
class Subscriber(server: ValkeyServer, vararg channels: String) : AutoCloseable {
    private val client = server.newClient()
    private val messages = LinkedBlockingQueue<Pair<String, String>>()
    private val subscribed = CountDownLatch(channels.size)
    private val pubSub = object : JedisPubSub() {
        override fun onMessage(channel: String, message: String) {
            messages.add(channel to message)
        }

        override fun onSubscribe(channel: String, subscribedChannels: Int) {
            subscribed.countDown()
        }
    }
    private val listener = thread(name = "subscriber") { client.subscribe(pubSub, *channels) }

    init {
        subscribed.await(10, TimeUnit.SECONDS) shouldBe true
    }

    /** The next message, as channel to message. */
    fun next(): Pair<String, String> =
        messages.poll(10, TimeUnit.SECONDS) ?: throw AssertionError("no message published within 10 seconds")

    override fun close() {
        pubSub.unsubscribe()
        listener.join(10_000)
        client.close()
    }
}

/** Decodes a reply as the kit does, for replies sent with [binary]. */
fun decoded(reply: Any?): Any? = decodeReply(reply)
