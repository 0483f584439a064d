package io.valkeyjvm.examples.rustconfiguration

import io.valkeyjvm.core.ConfigApply
import io.valkeyjvm.core.ValkeyString
import io.valkeyjvm.dsl.ConfigCheckScope
import io.valkeyjvm.dsl.valkeyModule
import java.util.concurrent.atomic.AtomicLong

/** How many values the configs were given (see [configuration] for what counts). */
private val changes = AtomicLong()

private val enumChoices = mapOf("Val1" to 1, "Val2" to 2)

/** An apply step of one config's own, so that each config a CONFIG SET changes counts once. */
private fun counting() = ConfigApply { changes.incrementAndGet() }

/** Refuses the value with [message] if [refused], counting the refusal (see [configuration]). */
private fun ConfigCheckScope.reject(refused: Boolean, message: String) {
    if (!refused) return
    changes.incrementAndGet()
    fail(message)
}

/** What the Rust example's Rust strings refuse. */
private fun ConfigCheckScope.requireText(value: ValkeyString) {
    if (value.toTextOrNull() == null) fail("Couldn't parse as UTF-8 string")
}

/**
 * A port of the Valkey Rust SDK's configuration example (valkeymodule-rs, examples/configuration.rs):
 * thirteen configs, `configuration.<name>`: numbers from 0 to 1000 (`i64`, `reject_i64`,
 * `atomic_i64`), strings (`valkey_string`, `reject_valkey_string`, `string`, `mutex_string`),
 * yes/no (`atomic_bool`, `bool`, `reject_bool`) and a choice of `Val1` or `Val2` (`enum`,
 * `reject_enum`, `enum_mutex`), also set by the load arguments (`loadmodule ... i64 42`). The four
 * `reject_` configs refuse one value each with a message of their own. CONFIGURATION.NUM_CHANGES
 * counts the values the configs were given: one each at load, then one for each config a CONFIG
 * SET changes (its apply step; setting the value a config has does not reach the module).
 *
 * The Rust example stores its values in several ways (under the server lock, in atomics, behind
 * mutexes) to show each; a config handle here is one thread-safe value, so those configs differ
 * only in name. Its `string` and `mutex_string` hold Rust strings and so refuse bytes that are
 * not UTF-8 text; here they refuse them too.
 *
 * The Rust SDK stores a value before its validation runs: a refused value is stored, and the
 * server's restore of the old value then counts as a change. This SDK checks a value before it is
 * stored, so a refused value never is and nothing needs restoring; the port counts the refusal
 * instead, so that CONFIGURATION.NUM_CHANGES answers as the Rust module does.
 */
val configuration = valkeyModule("configuration") {
    val all = configs {
        fromLoadArguments = true
        listOf(
            number("i64", default = 10, range = 0L..1000L, apply = counting()),
            number("reject_i64", default = 10, range = 0L..1000L, apply = counting()) {
                reject(it == 123L, "Rejected from custom i64 validation.")
            },
            number("atomic_i64", default = 10, range = 0L..1000L, apply = counting()),

            string("valkey_string", default = "default", apply = counting()),
            string("reject_valkey_string", default = "default", apply = counting()) {
                reject(it.toString().contains("rejectvalue"), "Rejected from custom string validation.")
            },
            string("string", default = "default", apply = counting()) { requireText(it) },
            string("mutex_string", default = "default", apply = counting()) { requireText(it) },

            bool("atomic_bool", default = true, apply = counting()),
            bool("bool", default = true, apply = counting()),
            bool("reject_bool", default = true, apply = counting()) { reject(!it, "Rejected from custom bool validation.") },

            choice("enum", default = "Val1", choices = enumChoices, apply = counting()),
            choice("reject_enum", default = "Val1", choices = enumChoices, apply = counting()) {
                reject(it == "Val2", "Rejected from custom enum validation.")
            },
            choice("enum_mutex", default = "Val1", choices = enumChoices, apply = counting()),
        )
    }
    // By now every config has its value: its default, or the config file's, or a load argument's.
    onLoad { changes.addAndGet(all.size.toLong()) }
    commands {
        command("configuration.num_changes", arity = -1) { reply(changes.get()) }
    }
}
