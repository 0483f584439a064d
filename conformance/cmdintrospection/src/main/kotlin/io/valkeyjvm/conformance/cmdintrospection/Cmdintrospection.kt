package io.valkeyjvm.conformance.cmdintrospection

import io.valkeyjvm.core.CommandArg
import io.valkeyjvm.core.CommandArgType
import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.KeySpecFlag.RW
import io.valkeyjvm.core.KeySpecFlag.UPDATE
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/cmdintrospection.c (module "cmdintrospection"):
 * cmdintrospection.xadd describes itself as XADD does (arity, flags, tips, key spec, history and
 * the whole argument tree), so that COMMAND INFO and COMMAND DOCS of the two compare equal. The
 * versions are the server's, as in the C module, for that comparison.
 */
val cmdintrospection = valkeyModule("cmdintrospection") {
    commands {
        command(
            "cmdintrospection.xadd",
            arity = -5,
            flags = "write deny-oom random fast",
            summary = "Appends a new message to a stream. Creates the key if it doesn't exist.",
            since = "5.0.0",
            complexity = "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.",
            tips = listOf("nondeterministic_output"),
            history = listOf(
                "6.2.0" to "Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option.",
                "7.0.0" to "Added support for the `<ms>-*` explicit ID form.",
            ),
            keySpecs = listOf(
                KeySpec.index(1).range(0, 1, 0).flags(RW, UPDATE).notes("UPDATE instead of INSERT because of the optional trimming feature"),
            ),
            args = listOf(
                CommandArg.key("key", 0),
                CommandArg.pureToken("nomkstream", "NOMKSTREAM").since("6.2.0").optional(),
                CommandArg.block(
                    "trim",
                    CommandArg.oneOf(
                        "strategy",
                        CommandArg.pureToken("maxlen", "MAXLEN"),
                        CommandArg.pureToken("minid", "MINID").since("6.2.0"),
                    ),
                    CommandArg.oneOf(
                        "operator",
                        CommandArg.pureToken("equal", "="),
                        CommandArg.pureToken("approximately", "~"),
                    ).optional(),
                    CommandArg.string("threshold").displayText("threshold"),
                    CommandArg.of("count", CommandArgType.INTEGER).token("LIMIT").since("6.2.0").optional(),
                ).optional(),
                CommandArg.oneOf(
                    "id-selector",
                    CommandArg.pureToken("auto-id", "*"),
                    CommandArg.string("id"),
                ),
                CommandArg.block("data", CommandArg.string("field"), CommandArg.string("value")).multiple(),
            ),
        ) { replySimple("OK") }
    }
}
