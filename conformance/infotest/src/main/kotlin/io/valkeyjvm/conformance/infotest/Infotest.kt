package io.valkeyjvm.conformance.infotest

import io.valkeyjvm.core.ServerInfo
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/infotest.c: INFO sections of every field kind (the module's
 * main one, Spanish, Italian, a dictionary, a field name the server sanitizes), and INFO.GET*
 * reading the server's INFO as text, C string, signed, unsigned and double. The C original adds a
 * Klingon section to crash reports only; a JVM module writes nothing into a crash report.
 */
val infotest = valkeyModule("infotest") {
    info {
        section("") {
            field("global", -2)
            field("uglobal", ULong.MAX_VALUE - 1u)
        }
        section("Spanish") {
            field("uno", "one")
            field("dos", 2)
        }
        section("Italian") {
            field("due", 2)
            field("tre", 3.3)
        }
        section("keyspace") { dict("db0") { field("keys", 3); field("expires", 1) } }
        section("unsafe") { dict("unsafe:field") { field("value", 1) } }
    }
    commands {
        command("info.gets", arity = -3) { args -> infoGet(args) { info, field -> info.text(field)?.let { reply(ValkeyString.of(it)) } } }
        command("info.getc", arity = -3) { args -> infoGet(args) { info, field -> info.text(field)?.let { reply(it) } } }
        command("info.geti", arity = -3) { args -> infoGet(args) { info, field -> info.signed(field)?.let { reply(it) } } }
        command("info.getu", arity = -3) { args -> infoGet(args) { info, field -> info.unsigned(field)?.let { reply(it) } } }
        command("info.getd", arity = -3) { args -> infoGet(args) { info, field -> info.decimal(field)?.let { reply(it) } } }
    }
}

/** INFO.GET* section field: [read] replies, or returns null and the reply is "not found". */
private fun CommandScope.infoGet(args: List<ValkeyString>, read: CommandScope.(ServerInfo, String) -> Unit?) {
    if (args.size > 4) {
        context.replyError("ERR wrong number of arguments for '${commandName.toText().lowercase()}' command")
        return
    }
    val info = context.serverInfo(args[1].toText())
    if (read(info, args[2].toText()) == null) replyError("not found")
}
