package io.valkeyjvm.dsl

import io.valkeyjvm.core.Config
import io.valkeyjvm.core.ConfigApply
import io.valkeyjvm.core.ConfigFlag
import io.valkeyjvm.core.ModuleDefinition
import io.valkeyjvm.core.ValkeyException
import io.valkeyjvm.core.ValkeyString

/**
 * The body of `configs { }`: declares the module's configs, each shown as `<module>.<name>` by
 * CONFIG GET and set by CONFIG SET, the config file and `MODULE LOADEX ... CONFIG`. Each returns
 * its handle; read `handle.value` anywhere.
 *
 * ```kotlin
 * val maxSessions = configs {
 *     number("max-sessions", default = 10, range = 1L..1000L) { if (it % 2 != 0L) fail("must be even") }
 * }
 * ```
 */
@ValkeyDsl
public class ConfigsScope internal constructor(private val module: ModuleDefinition.Builder) {
    /** Load arguments set configs: `loadmodule m.so max-sessions 20` (config file lines still win). */
    public var fromLoadArguments: Boolean = false
        set(value) {
            field = value
            module.argsAsConfigs(value)
        }

    /**
     * Leaves the config values unloaded when [condition] holds for the module's load arguments:
     * the server then refuses the module itself once it has loaded ("Module Configurations were
     * not set, likely a missing LoadConfigs call"), and a server starting with it exits. For a
     * module that must refuse some loads the way the server does, or to test that check
     * (see [ModuleDefinition.Builder.skipConfigLoadingWhen]).
     */
    public fun skipLoadingWhen(condition: (args: List<ValkeyString>) -> Boolean) {
        module.skipConfigLoadingWhen { args -> condition(args) }
    }

    /** A yes/no config. */
    public fun bool(
        name: String,
        default: Boolean,
        vararg flags: ConfigFlag,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(Boolean) -> Unit = {},
    ): Config<Boolean> = add(Config.bool(name, default), flags, apply, check)

    /** An integer config within [range]; with [memory], values take units (`64mb`) and show as bytes. */
    public fun number(
        name: String,
        default: Long,
        range: LongRange = Long.MIN_VALUE..Long.MAX_VALUE,
        vararg flags: ConfigFlag,
        memory: Boolean = false,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(Long) -> Unit = {},
    ): Config<Long> {
        val builder = Config.number(name, default, range.first, range.last)
        if (memory) builder.memory()
        return add(builder, flags, apply, check)
    }

    /**
     * An unsigned 64-bit integer config within [range] (0 to 18446744073709551615 unless narrowed);
     * with [memory], values take units (`64mb`) and show as bytes. Its handle holds the value's
     * bits in a `Long`: read it with [unsignedValue]. Needs Valkey 9.1 or later: on an older server
     * the module's load fails, saying so.
     */
    public fun unsignedNumber(
        name: String,
        default: ULong,
        range: ULongRange = ULong.MIN_VALUE..ULong.MAX_VALUE,
        vararg flags: ConfigFlag,
        memory: Boolean = false,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(ULong) -> Unit = {},
    ): Config<Long> {
        val builder = Config.unsignedNumber(name, default.toLong(), range.first.toLong(), range.last.toLong())
        if (memory) builder.memory()
        return add(builder, flags, apply) { bits -> check.invoke(this, bits.toULong()) }
    }

    /** A binary-safe string config. */
    public fun string(
        name: String,
        default: String,
        vararg flags: ConfigFlag,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(ValkeyString) -> Unit = {},
    ): Config<ValkeyString> = add(Config.string(name, default), flags, apply, check)

    /** A config whose value is one of [choices] (CONFIG GET shows the name). */
    public fun choice(
        name: String,
        default: String,
        choices: List<String>,
        vararg flags: ConfigFlag,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(String) -> Unit = {},
    ): Config<String> = add(Config.choice(name, default, *choices.toTypedArray()), flags, apply, check)

    /**
     * A config whose value is one of [choices]' names, each with the number the server stores for
     * it (distinct); CONFIG GET shows the name, and errors list the names in this order.
     */
    public fun choice(
        name: String,
        default: String,
        choices: Map<String, Int>,
        vararg flags: ConfigFlag,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(String) -> Unit = {},
    ): Config<String> = add(Config.choice(name, default, choices), flags, apply, check)

    /** A config whose value is a set of [bits]' names (`CONFIG SET m.log "reads writes"`). */
    public fun flags(
        name: String,
        default: Set<String>,
        bits: Map<String, Int>,
        vararg flags: ConfigFlag,
        apply: ConfigApply? = null,
        check: ConfigCheckScope.(Set<String>) -> Unit = {},
    ): Config<Set<String>> = add(Config.flags(name, default, bits), flags, apply, check)

    /** Adds a config declared elsewhere. */
    public fun <T : Any> register(config: Config<T>): Config<T> {
        module.config(config)
        return config
    }

    private fun <T : Any> add(
        builder: Config.Builder<T>,
        flags: Array<out ConfigFlag>,
        apply: ConfigApply?,
        check: ConfigCheckScope.(T) -> Unit,
    ): Config<T> {
        builder.flags(*flags).check { value -> check.invoke(ConfigCheckScope, value) }
        if (apply != null) builder.apply(apply)
        return register(builder.build())
    }
}

/** The receiver of a config's check: [fail] refuses the value with a message the client reads. */
@ValkeyDsl
public object ConfigCheckScope {
    /** Refuses the value; [message] reaches the client of CONFIG SET. */
    public fun fail(message: String): Nothing = throw ValkeyException(message)
}

/** A config's current value. */
public val <T : Any> Config<T>.value: T get() = get()

/** An unsigned number config's current value ([ConfigsScope.unsignedNumber]). */
public val Config<Long>.unsignedValue: ULong
    get() {
        check(kind() == Config.Kind.UNSIGNED_NUMBER) { "$this is not an unsigned number config; read its value instead" }
        return get().toULong()
    }
