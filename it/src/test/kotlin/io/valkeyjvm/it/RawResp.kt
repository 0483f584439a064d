package io.valkeyjvm.it

import java.io.ByteArrayOutputStream
import java.net.InetSocketAddress
import java.net.Socket

/**
 * A bare RESP connection that returns each reply's exact bytes: a command is followed by an
 * ECHO of a marker, and the reply is everything that arrives before the marker's reply.
 */
class RawResp(host: String, port: Int, protocol: Int, readTimeoutMillis: Int = 10_000) : AutoCloseable {
    private val socket = Socket().apply {
        connect(InetSocketAddress(host, port), 5_000)
        soTimeout = readTimeoutMillis
    }
    private var markers = 0

    init {
        if (protocol == 3) exchange("HELLO", "3")
    }

    /** Sends [args] and returns the raw reply, as text (RESP is line-oriented; binary bytes map 1:1 via ISO-8859-1). */
    fun exchange(vararg args: String): String {
        val marker = "end-of-reply-${markers++}"
        socket.getOutputStream().write(encode(args.toList()) + encode(listOf("ECHO", marker)))
        val terminator = "\$${marker.length}\r\n$marker\r\n"
        val received = StringBuilder()
        val buffer = ByteArray(8192)
        while (!received.endsWith(terminator)) {
            val n = socket.getInputStream().read(buffer)
            check(n > 0) { "connection closed after: $received" }
            received.append(String(buffer, 0, n, Charsets.ISO_8859_1))
        }
        return received.substring(0, received.length - terminator.length)
    }

    /** Sends a command without waiting for its reply (read it later with [readReply]). */
    fun sendOnly(vararg args: String) {
        socket.getOutputStream().write(encode(args.toList()))
    }

    /** Reads one whole reply sent in answer to [sendOnly]: the next marker exchange delimits it. */
    fun readReply(): String = exchange("ECHO", "sync").removeSuffix("\$4\r\nsync\r\n")

    private fun encode(command: List<String>): ByteArray {
        val out = ByteArrayOutputStream()
        out.write("*${command.size}\r\n".toByteArray())
        for (arg in command) {
            val bytes = arg.toByteArray()
            out.write("\$${bytes.size}\r\n".toByteArray())
            out.write(bytes)
            out.write("\r\n".toByteArray())
        }
        return out.toByteArray()
    }

    override fun close() = socket.close()
}
