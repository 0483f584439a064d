package io.valkeyjvm.examples.rustsubcmd

import io.valkeyjvm.core.ReplyValue
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandError
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of the Valkey Rust SDK's examples/subcmd.rs (module "subcmd"): `cmd1` routes its own
 * subcommands, case-insensitively and nested deeper than the server's one level of registered
 * subcommands allows (`cmd1 s1 s1 s1`); `cmd1` alone or `cmd1 help` lists them, `cmd1 info
 * [section]` replies a map of sample values. For subcommands the server routes itself (COMMAND
 * INFO lists them, ACL rules can name them), see `containerCommand`.
 */

private val help = ReplyValue.array(
    listOf(
        "cmd1 - top level command",
        "cmd1 s1 - first level subcommand",
        "cmd1 s1 s1 - second level command",
        "cmd1 s1 s1 s1 - third level command",
        "cmd1 help - display this message",
    ).map { ReplyValue.simple(it) },
)

/** The info sections, in the order of their names (Rust's BTreeMap). */
private val sections: Map<String, ReplyValue> = sortedMapOf(
    "key" to ReplyValue.simple("value"),
    "integer" to ReplyValue.of(1L),
    "float" to ReplyValue.of(1.1),
    "bool" to ReplyValue.of(true),
    "array" to ReplyValue.array(ReplyValue.of("a"), ReplyValue.of("b"), ReplyValue.of("c")),
    "ordered-map" to ReplyValue.map(linkedMapOf(ReplyValue.of("key1") to ReplyValue.of("value1"), ReplyValue.of("key2") to ReplyValue.of("value2"))),
    "ordered-set" to ReplyValue.Set(listOf(ReplyValue.of("x"), ReplyValue.of("y"), ReplyValue.of("z"))),
)

/** `cmd1 ...` without the command name: the reply. */
internal fun route(args: List<ValkeyString>): ReplyValue {
    if (args.isEmpty()) return help
    val rest = args.drop(1)
    return when (args[0].toText().lowercase()) {
        "s1" -> nested(rest, listOf("sub1", "sub11", "sub111"))
        "info" -> info(rest.firstOrNull()?.toTextOrNull() ?: "all")
        "help" -> help
        else -> throw CommandError.error("invalid subcommand")
    }
}

/** `s1 [s1 [s1]]`: each further s1 goes one level deeper; anything else stays at this level. */
private fun nested(args: List<ValkeyString>, levels: List<String>): ReplyValue =
    if (levels.size > 1 && args.firstOrNull()?.toText()?.lowercase() == "s1") nested(args.drop(1), levels.drop(1))
    else ReplyValue.of(levels.first())

private fun info(section: String): ReplyValue =
    ReplyValue.map(sections.filterKeys { section == "all" || section == it }.entries.associate { ReplyValue.of(it.key) to it.value })

val subcmd = valkeyModule("subcmd") {
    commands {
        command("cmd1") { args -> reply(route(args.drop(1))) }
    }
}
