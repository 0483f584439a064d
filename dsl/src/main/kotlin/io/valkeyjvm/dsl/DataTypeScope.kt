package io.valkeyjvm.dsl

import io.valkeyjvm.core.AofOutput
import io.valkeyjvm.core.AuxWhen
import io.valkeyjvm.core.DataType
import io.valkeyjvm.core.Digest
import io.valkeyjvm.core.RdbInput
import io.valkeyjvm.core.RdbOutput

/**
 * Declares a data type without adding it to a module; add it with `dataTypes { register(type) }`.
 * Useful to declare the type above the module in the same file.
 *
 * ```kotlin
 * val counterType = dataType<Counter>("counter-1", encodingVersion = 0) {
 *     save { c -> writeSigned(c.n) }
 *     load { _ -> Counter(readSigned()) }
 * }
 * ```
 *
 * @throws IllegalArgumentException if the name or encoding version breaks the server's rules
 */
public inline fun <reified V : Any> dataType(
    name: String,
    encodingVersion: Int,
    block: DataTypeScope<V>.() -> Unit,
): DataType<V> = DataTypeScope(DataType.builder(name, encodingVersion, V::class.java)).apply(block).build()

/** The body of a data type declaration: how its values are saved, loaded and looked after. */
@ValkeyDsl
public class DataTypeScope<V : Any> @PublishedApi internal constructor(private val builder: DataType.Builder<V>) {
    /** How a value is saved (required). Runs on the main thread, never in a fork child. */
    public fun save(block: RdbOutput.(value: V) -> Unit) {
        builder.save { out, value -> out.block(value) }
    }

    /** How a value saved at `encodingVersion` is loaded (required). */
    public fun load(block: RdbInput.(encodingVersion: Int) -> V) {
        builder.load { input, encodingVersion -> input.block(encodingVersion) }
    }

    /** The value's memory use in bytes, for MEMORY USAGE. */
    public fun memoryUsage(block: (value: V) -> Long) {
        builder.memoryUsage { block(it) }
    }

    /** How a value feeds DEBUG DIGEST. */
    public fun digest(block: Digest.(value: V) -> Unit) {
        builder.digest { digest, value -> digest.block(value) }
    }

    /**
     * How a value is rewritten as commands (BGREWRITEAOF with aof-use-rdb-preamble no). Without
     * it, the value is written as `RESTORE key 0 <payload>` with its saved form, as DUMP gives it;
     * so is a value not yet recorded again after appendonly yes and aof-use-rdb-preamble no were
     * set at run time (the commands are recorded only while those two hold).
     */
    public fun aofRewrite(block: AofScope.(value: V) -> Unit) {
        builder.aofRewrite { out, value -> AofScope(out).block(value) }
    }

    /** How COPY copies a value. */
    public fun copy(block: (value: V) -> V) {
        builder.copy { block(it) }
    }

    /** Code run when a value's key leaves the keyspace, before the value is freed. */
    public fun unlink(block: (value: V) -> Unit) {
        builder.unlink { block(it) }
    }

    /** The effort to free a value; above 64 the server frees it on its lazy-free thread. */
    public fun freeEffort(block: (value: V) -> Long) {
        builder.freeEffort { block(it) }
    }

    /**
     * Code run when the server has freed a value, on the thread that freed it: the main thread or
     * the server's lazy-free thread (FLUSHALL ASYNC, UNLINK of a large value); keep it thread-safe.
     */
    public fun free(block: (value: V) -> Unit) {
        builder.free { block(it) }
    }

    /** Module-wide data saved with the keyspace, [whenSaved] (one or both). */
    public fun auxSave(vararg whenSaved: AuxWhen, block: RdbOutput.(whenSaved: AuxWhen) -> Unit) {
        builder.auxSave({ out, w -> out.block(w) }, *whenSaved)
    }

    /** How module-wide data is loaded. */
    public fun auxLoad(block: RdbInput.(encodingVersion: Int, whenSaved: AuxWhen) -> Unit) {
        builder.auxLoad { input, encodingVersion, w -> input.block(encodingVersion, w) }
    }

    @PublishedApi
    internal fun build(): DataType<V> = builder.build()
}

/** The receiver of `aofRewrite`: emit commands that rebuild the value at [key]. */
@ValkeyDsl
public class AofScope internal constructor(private val out: AofOutput) {
    /** The key being rewritten (the server supplies its name). */
    public val key: Any get() = AofOutput.KEY

    /** Emits one command; arguments are ValkeyString, ByteArray, String, numbers or [key]. */
    public fun emit(command: String, vararg args: Any): Unit = out.emit(command, *args)
}
