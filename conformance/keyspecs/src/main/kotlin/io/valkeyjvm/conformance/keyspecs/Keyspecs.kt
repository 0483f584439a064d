package io.valkeyjvm.conformance.keyspecs

import io.valkeyjvm.core.KeySpec
import io.valkeyjvm.core.KeySpecFlag.ACCESS
import io.valkeyjvm.core.KeySpecFlag.RO
import io.valkeyjvm.core.KeySpecFlag.RW
import io.valkeyjvm.core.KeySpecFlag.UPDATE
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.CommandScope
import io.valkeyjvm.dsl.Keys
import io.valkeyjvm.dsl.valkeyModule

/**
 * A port of Valkey's tests/modules/keyspecs.c (module "keyspecs"): commands that only describe
 * their keys, through the legacy first/last/step, key specs of every kind, and getkeys-api code;
 * each replies OK. COMMAND INFO, GETKEYS, GETKEYSANDFLAGS and ACL DRYRUN read them.
 */

private val ok: CommandScope.(List<ValkeyString>) -> Unit = { replySimple("OK") }

val keyspecs = valkeyModule("keyspecs") {
    commands {
        // No key specs: the server makes one from the legacy triple (MSET-like).
        command("kspec.none", keys = Keys(1, -1, 2), handler = ok)
        command("kspec.nonewithgetkeys", keys = Keys(1, -1, 2), getKeys = { args ->
            for (i in 1 until args.size step 2) keyAt(i, RO, ACCESS)
        }, handler = ok)
        // Two ranges make the legacy triple (1, 2, 1).
        command("kspec.tworanges", arity = -2, keySpecs = listOf(
            KeySpec.index(1).range(0, 1, 0).flags(RO, ACCESS),
            KeySpec.index(2).flags(RW, UPDATE),
        ), handler = ok)
        // With a gap, the legacy triple covers the first key only.
        command("kspec.tworangeswithgap", arity = -2, keySpecs = listOf(
            KeySpec.index(1).range(0, 1, 0).flags(RO, ACCESS),
            KeySpec.index(3).flags(RW, UPDATE),
        ), handler = ok)
        // Keyword specs only: the legacy triple becomes (0, 0, 0).
        command("kspec.keyword", keys = Keys(3, -1, 1), keySpecs = listOf(
            KeySpec.keyword("KEYS", 1).range(-1, 1, 0).flags(RO, ACCESS),
        ), handler = ok)
        command("kspec.complex1", keys = Keys(1, 1, 1), keySpecs = listOf(
            KeySpec.index(1).flags(RO),
            KeySpec.keyword("STORE", 2).flags(RW, UPDATE),
            KeySpec.keyword("KEYS", 2).keyNum(0, 1, 1).flags(RO, ACCESS),
        ), handler = ok)
        command("kspec.complex2", keySpecs = listOf(
            KeySpec.keyword("STORE", 5).range(0, 1, 0).flags(RW, UPDATE),
            KeySpec.index(1).range(0, 1, 0).flags(RO, ACCESS),
            KeySpec.index(2).range(0, 1, 0).flags(RO, ACCESS),
            KeySpec.index(3).keyNum(0, 1, 1).flags(RW, UPDATE),
            KeySpec.keyword("MOREKEYS", 5).range(-1, 1, 0).flags(RW, UPDATE),
        ), handler = ok)
    }
}
