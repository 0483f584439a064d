package io.valkeyjvm.kotest

/**
 * Makes a raw Jedis reply (as returned by [ValkeyServer.command]) readable in assertions:
 * byte arrays become UTF-8 strings, lists are decoded element by element, and map entries (RESP3
 * maps arrive as lists of entries) become pairs. Numbers, booleans and `null` are returned as is.
 *
 * ```
 * decodeReply(server.command("SET", "k", "v")) shouldBe "OK"
 * decodeReply(server.command("MGET", "k", "missing")) shouldBe listOf("v", null)
 * ```
 */
public fun decodeReply(reply: Any?): Any? = when (reply) {
    is ByteArray -> String(reply, Charsets.UTF_8)
    is List<*> -> reply.map(::decodeReply)
    is Map.Entry<*, *> -> decodeReply(reply.key) to decodeReply(reply.value)
    is Map<*, *> -> reply.entries.associate { decodeReply(it.key) to decodeReply(it.value) }
    is Set<*> -> reply.mapTo(LinkedHashSet(), ::decodeReply)
    else -> reply
}
