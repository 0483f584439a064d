package io.valkeyjvm.it

import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.shouldBe
import io.valkeyjvm.kotest.ValkeyModuleLoad
import io.valkeyjvm.kotest.valkeyServer

/**
 * Every reply type of the core, byte for byte on the wire, for RESP2 and RESP3 clients: each
 * Replies method, and each ReplyValue case written by Replies.reply(ReplyValue).
 */
class RepliesSpec : FunSpec({
    timeout = 60_000
    val server = install(valkeyServer(ValkeyModuleLoad(Modules.fixture)))

    // type -> (RESP2 bytes, RESP3 bytes); "é" is two bytes in UTF-8, shown here as ISO-8859-1 text.
    val big = "1234567890123456789012345678901234567890"
    // 100,000 integers, the same in both protocols (the postponed length is set after them).
    val largeArray = (0 until 100_000).joinToString("", prefix = "*100000\r\n") { ":$it\r\n" }
    val expected = linkedMapOf(
        "integer" to (":-42\r\n" to ":-42\r\n"),
        "double" to ("\$3\r\n3.5\r\n" to ",3.5\r\n"),
        "true" to (":1\r\n" to "#t\r\n"),
        "false" to (":0\r\n" to "#f\r\n"),
        "bulk" to ("\$6\r\nh\u00c3\u00a9llo\r\n" to "\$6\r\nh\u00c3\u00a9llo\r\n"),
        "simple" to ("+PONG\r\n" to "+PONG\r\n"),
        "ok" to ("+OK\r\n" to "+OK\r\n"),
        "error" to ("-ERR custom failure\r\n" to "-ERR custom failure\r\n"),
        "coded-error" to ("-BUSYKEY it is taken\r\n" to "-BUSYKEY it is taken\r\n"),
        "null" to ("\$-1\r\n" to "_\r\n"),
        "null-array" to ("*-1\r\n" to "_\r\n"),
        "empty-array" to ("*0\r\n" to "*0\r\n"),
        "empty-string" to ("\$0\r\n\r\n" to "\$0\r\n\r\n"),
        "array" to ("*3\r\n:1\r\n\$3\r\ntwo\r\n*1\r\n:3\r\n" to "*3\r\n:1\r\n\$3\r\ntwo\r\n*1\r\n:3\r\n"),
        "postponed-array" to ("*4\r\n:0\r\n:1\r\n:2\r\n:3\r\n" to "*4\r\n:0\r\n:1\r\n:2\r\n:3\r\n"),
        "map" to ("*4\r\n\$1\r\na\r\n:1\r\n\$1\r\nb\r\n:2\r\n" to "%2\r\n\$1\r\na\r\n:1\r\n\$1\r\nb\r\n:2\r\n"),
        "postponed-map" to ("*2\r\n\$1\r\nk\r\n\$1\r\nv\r\n" to "%1\r\n\$1\r\nk\r\n\$1\r\nv\r\n"),
        "set" to ("*2\r\n\$1\r\nx\r\n\$1\r\ny\r\n" to "~2\r\n\$1\r\nx\r\n\$1\r\ny\r\n"),
        "postponed-set" to ("*1\r\n\$4\r\nonly\r\n" to "~1\r\n\$4\r\nonly\r\n"),
        "big-number" to ("\$40\r\n$big\r\n" to "($big\r\n"),
        "verbatim" to ("\$11\r\nsome *text*\r\n" to "=15\r\nmkd:some *text*\r\n"),
        // Plain decimals, where "double" writes 1.0000000000000001e-17.
        "long-double" to ("\$19\r\n0.00000000000000001\r\n" to ",0.00000000000000001\r\n"),
        "long-double-inf" to ("\$4\r\n-inf\r\n" to ",-inf\r\n"),
        "attribute" to ("-ERR attribute replies need a RESP3 client\r\n" to "|1\r\n\$3\r\nttl\r\n:100\r\n\$5\r\nvalue\r\n"),
        // reply(double) as the server's own doubles: RESP2's text "inf", "-inf", "nan"; whole numbers without a point.
        "double-inf" to ("\$3\r\ninf\r\n" to ",inf\r\n"),
        "double-neg-inf" to ("\$4\r\n-inf\r\n" to ",-inf\r\n"),
        "double-nan" to ("\$3\r\nnan\r\n" to ",nan\r\n"),
        "double-whole" to ("\$2\r\n-2\r\n" to ",-2\r\n"),
        "error-line" to ("-invalid range\r\n" to "-invalid range\r\n"),
        "nul-bulk" to ("\$5\r\n\u0000a\u0000\r\n\r\n" to "\$5\r\n\u0000a\u0000\r\n\r\n"),
        "nested" to (
            "*6\r\n\$1\r\ns\r\n*1\r\n:1\r\n\$1\r\ne\r\n*0\r\n\$1\r\na\r\n*2\r\n\$-1\r\n*2\r\n\$1\r\nk\r\n:1\r\n" to
                "%3\r\n\$1\r\ns\r\n~1\r\n:1\r\n\$1\r\ne\r\n%0\r\n\$1\r\na\r\n*2\r\n_\r\n%1\r\n\$1\r\nk\r\n#t\r\n"
            ),
        "large-array" to largeArray.let { it to it },
        "large-postponed-array" to largeArray.let { it to it },
        "dsl-strings" to ("*2\r\n\$1\r\na\r\n\$0\r\n\r\n" to "*2\r\n\$1\r\na\r\n\$0\r\n\r\n"),
        "dsl-values" to (
            "*11\r\n\$1\r\na\r\n\$1\r\nb\r\n\$1\r\n\u0000\r\n:7\r\n:8\r\n\$3\r\n1.5\r\n:0\r\n\$21\r\n100000000000000000000\r\n" +
                "*2\r\n:1\r\n:2\r\n*1\r\n\$1\r\nc\r\n*2\r\n\$1\r\nk\r\n\$1\r\nv\r\n" to
                "*11\r\n\$1\r\na\r\n\$1\r\nb\r\n\$1\r\n\u0000\r\n:7\r\n:8\r\n,1.5\r\n#f\r\n(100000000000000000000\r\n" +
                "*2\r\n:1\r\n:2\r\n*1\r\n\$1\r\nc\r\n%1\r\n\$1\r\nk\r\n\$1\r\nv\r\n"
            ),
        "value-null" to ("\$-1\r\n" to "_\r\n"),
        "value-null-array" to ("*-1\r\n" to "_\r\n"),
        "value-all" to (
            "*14\r\n:-42\r\n\$3\r\n3.5\r\n:1\r\n\$6\r\nh\u00c3\u00a9llo\r\n+PONG\r\n-BUSYKEY it is taken\r\n\$-1\r\n*-1\r\n*0\r\n" +
                "\$40\r\n$big\r\n\$11\r\nsome *text*\r\n*1\r\n\$1\r\nx\r\n*2\r\n\$1\r\na\r\n:1\r\n\$2\r\n\u0000\u0001\r\n" to
                "*14\r\n:-42\r\n,3.5\r\n#t\r\n\$6\r\nh\u00c3\u00a9llo\r\n+PONG\r\n-BUSYKEY it is taken\r\n_\r\n_\r\n*0\r\n" +
                "($big\r\n=15\r\nmkd:some *text*\r\n~1\r\n\$1\r\nx\r\n%1\r\n\$1\r\na\r\n:1\r\n\$2\r\n\u0000\u0001\r\n"
            ),
        "binary" to ("\$256\r\n" + String(ByteArray(256) { it.toByte() }, Charsets.ISO_8859_1) + "\r\n").let { it to it },
    )

    for (protocol in listOf(2, 3)) {
        context("RESP$protocol") {
            val connection = RawResp(server.host, server.port, protocol)
            afterSpec { connection.close() }
            withData(expected.keys.toList()) { type ->
                val (resp2, resp3) = expected.getValue(type)
                connection.exchange("FIXTURE.REPLY", type) shouldBe if (protocol == 2) resp2 else resp3
            }
        }
    }
})
