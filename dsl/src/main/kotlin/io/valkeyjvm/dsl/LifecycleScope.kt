package io.valkeyjvm.dsl

import io.valkeyjvm.core.LogLevel
import io.valkeyjvm.core.ModuleContext

/** The receiver of `onLoad` and `onUnload`: the module's name and the server log. */
@ValkeyDsl
public class LifecycleScope internal constructor(private val context: ModuleContext) {
    /** The registered module name. */
    public val moduleName: String get() = context.moduleName()

    /** Writes [message] to the server log at [level]. */
    public fun log(message: String, level: LogLevel = LogLevel.NOTICE): Unit = context.log(level, message)
}
