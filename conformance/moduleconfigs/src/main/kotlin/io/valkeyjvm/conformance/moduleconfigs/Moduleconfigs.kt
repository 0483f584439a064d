package io.valkeyjvm.conformance.moduleconfigs

import io.valkeyjvm.core.Config
import io.valkeyjvm.core.ConfigApply
import io.valkeyjvm.core.ConfigFlag
import io.valkeyjvm.core.ModuleContext
import io.valkeyjvm.core.RawContext
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.value
import io.valkeyjvm.dsl.valkeyModule
import io.valkeyjvm.raw.LoaderContract
import io.valkeyjvm.raw.NativeAccess
import io.valkeyjvm.raw.RawValkeyApi
import io.valkeyjvm.raw.ValkeyModuleApi
import io.valkeyjvm.raw.ValkeyModuleConstants

/**
 * A port of Valkey's tests/modules/moduleconfigs.c: one config of every kind (bool, immutable
 * bool, binary-safe string, enum, bit flags, memory number, number, unsigned number), apply steps
 * shared by two configs each, a string value the module refuses, and a command that checks that
 * configs cannot be registered or loaded once the module is loaded. With "noload" as its first
 * argument the module leaves its config values unloaded, and the server refuses it.
 */

/** The numbers of the enum and bit-flag configs' names, as the C module declares them. */
private val enumValues = linkedMapOf("none" to 0, "five" to 5, "one" to 1, "two" to 2, "four" to 4)

private lateinit var mutableBool: Config<Boolean>
private lateinit var immutableBool: Config<Boolean>
private lateinit var memoryNumeric: Config<Long>
private lateinit var numeric: Config<Long>

/** mutable_bool and immutable_bool apply together: they cannot both be yes. */
private val boolApply = ConfigApply {
    if (mutableBool.value && immutableBool.value) throw ValkeyException("Bool configs cannot both be yes.")
}

/** memory_numeric and numeric apply together: they cannot be equal. */
private val numberApply = ConfigApply {
    if (numeric.value == memoryNumeric.value) throw ValkeyException("These configs cannot equal each other.")
}

/** The text C's string functions see in [value]: its bytes up to the first NUL. */
private fun cText(value: ValkeyString): String =
    String(value.toByteArray().takeWhile { it != 0.toByte() }.toByteArray(), Charsets.ISO_8859_1)

val moduleconfigs = valkeyModule("moduleconfigs") {
    configs {
        skipLoadingWhen { args -> args.firstOrNull()?.let { cText(it).equals("noload", ignoreCase = true) } == true }
        mutableBool = bool("mutable_bool", default = true, apply = boolApply)
        immutableBool = bool("immutable_bool", false, ConfigFlag.IMMUTABLE, apply = boolApply)
        string("string", default = "secret password") {
            if (cText(it).equals("rejectisfreed", ignoreCase = true)) fail("Cannot set string to 'rejectisfreed'")
        }
        choice("enum", default = "one", choices = enumValues)
        flags("flags", default = setOf("one", "two"), bits = enumValues)
        memoryNumeric = number("memory_numeric", default = 1024, range = 0L..3_000_000L, memory = true, apply = numberApply)
        numeric = number("numeric", default = -1, range = -5L..2000L, apply = numberApply)
        unsignedNumber("unsigned_numeric", default = 1u, range = 0uL..Long.MAX_VALUE.toULong() + 1000u)
    }
    commands {
        command("block.register.configs.outside.onload", flags = "write") {
            if (anyLateRegistrationWorks(context)) replyError("UNEXPECTEDOK") else replySimple("OK")
        }
    }
}

/**
 * Tries, once the module is loaded, what only OnLoad may do: register a config of each kind and
 * load the config values. The SDK registers configs only in OnLoad, so this goes through the raw
 * API, with the loader's own config callbacks (which would answer for an unknown config safely).
 * True if the server accepted any of it.
 */
@OptIn(RawValkeyApi::class)
private fun anyLateRegistrationWorks(context: ModuleContext): Boolean {
    val ctx = RawContext.pointer(context)
    fun callback(which: Int) = NativeAccess.callback(which)
    val unsigned = ValkeyModuleConstants.CONFIG_UNSIGNED.toInt()
    val results = listOf(
        ValkeyModuleApi.RegisterBoolConfig(ctx, "mutable_bool", 1, 0, callback(LoaderContract.CALLBACK_CONFIG_GET_BOOL),
            callback(LoaderContract.CALLBACK_CONFIG_SET_BOOL), 0, 0),
        ValkeyModuleApi.RegisterStringConfig(ctx, "string", "secret password", 0, callback(LoaderContract.CALLBACK_CONFIG_GET_STRING),
            callback(LoaderContract.CALLBACK_CONFIG_SET_STRING), 0, 0),
        NativeAccess.registerEnumConfig(ctx, "enum", 1, 0, enumValues.keys.toTypedArray(), enumValues.values.toIntArray(), 0),
        ValkeyModuleApi.RegisterNumericConfig(ctx, "numeric", -1, 0, -5, 2000, callback(LoaderContract.CALLBACK_CONFIG_GET_NUMBER),
            callback(LoaderContract.CALLBACK_CONFIG_SET_NUMBER), 0, 0),
        ValkeyModuleApi.RegisterUnsignedNumericConfig(ctx, "unsigned_numeric", 1, unsigned, 0, (Long.MAX_VALUE.toULong() + 1000u).toLong(),
            callback(LoaderContract.CALLBACK_CONFIG_GET_NUMBER), callback(LoaderContract.CALLBACK_CONFIG_SET_NUMBER), 0, 0),
        ValkeyModuleApi.LoadConfigs(ctx),
    )
    return results.any { it == ValkeyModuleConstants.OK }
}
