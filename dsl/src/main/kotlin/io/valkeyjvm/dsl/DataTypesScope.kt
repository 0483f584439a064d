package io.valkeyjvm.dsl

import io.valkeyjvm.core.DataType
import io.valkeyjvm.core.ModuleDefinition

/** The body of `dataTypes { }`: declares (or registers) the module's data types. */
@ValkeyDsl
public class DataTypesScope @PublishedApi internal constructor(
    @PublishedApi internal val module: ModuleDefinition.Builder,
) {
    /**
     * Declares a data type of this module and returns its handle, for use in commands.
     *
     * ```kotlin
     * val counter = dataTypes {
     *     dataType<Counter>("counter-1", encodingVersion = 0) {
     *         save { c -> writeSigned(c.n) }
     *         load { _ -> Counter(readSigned()) }
     *     }
     * }
     * ```
     */
    public inline fun <reified V : Any> dataType(
        name: String,
        encodingVersion: Int,
        block: DataTypeScope<V>.() -> Unit,
    ): DataType<V> = register(io.valkeyjvm.dsl.dataType(name, encodingVersion, block))

    /** Adds a data type declared elsewhere (with the top-level [io.valkeyjvm.dsl.dataType]). */
    public fun <V : Any> register(type: DataType<V>): DataType<V> {
        module.dataType(type)
        return type
    }
}
