package io.valkeyjvm.it

import io.valkeyjvm.core.ConfigApply
import io.valkeyjvm.core.ConfigFlag
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.dsl.toReply
import io.valkeyjvm.dsl.value
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.atomic.AtomicLong

/**
 * A module with one config of each kind, for the config specs: module "cfg", its configs shown as
 * cfg.<name>. It ships in the fixture's jar; the specs load it through a copy of the jar whose
 * Valkey-Module-Class names this file. Load arguments set its configs.
 */

private val applies = AtomicLong()

/** max-items and cache apply together: the cache must hold 1 KiB per item. */
private val sizes = ConfigApply { _ ->
    applies.incrementAndGet()
    if (cfgCache.value < cfgMaxItems.value * 1024) throw ValkeyException("cache too small for max-items")
}

private lateinit var cfgMaxItems: io.valkeyjvm.core.Config<Long>
private lateinit var cfgCache: io.valkeyjvm.core.Config<Long>

val configFixture = valkeyModule("cfg") {
    val all = configs {
        fromLoadArguments = true
        cfgMaxItems = number("max-items", default = 10, range = 1L..1000L, apply = sizes) { if (it == 13L) fail("13 is unlucky") }
        cfgCache = number("cache", default = 1L shl 20, memory = true, apply = sizes)
        listOf(
            bool("enabled", default = true),
            cfgMaxItems,
            cfgCache,
            string("greeting", default = "hello") { if (it.isEmpty) fail("a greeting cannot be empty") },
            choice("mode", default = "fast", choices = listOf("fast", "safe", "off")),
            flags("log", default = setOf("reads"), bits = mapOf("none" to 0, "reads" to 1, "writes" to 2, "deletes" to 4)),
            bool("locked", true, ConfigFlag.IMMUTABLE),
            string("secret", "s3cret", ConfigFlag.SENSITIVE, ConfigFlag.HIDDEN),
        )
    }
    commands {
        // The values as the module sees them, each as text, then how many applies ran.
        command("cfg.values", arity = 1) {
            reply((all.map { config ->
                when (val v = config.value) {
                    is Set<*> -> v.joinToString(" ")
                    is io.valkeyjvm.core.ValkeyString -> v.toText()
                    else -> v.toString()
                }.toReply()
            } + applies.get().toReply()).toReply())
        }
        // The module changes its own config: checked like CONFIG SET.
        command("cfg.setmax", arity = 2) { args ->
            cfgMaxItems.set(args[1].toLong())
            replyOk()
        }
    }
}
