package io.valkeyjvm.dsl

import io.valkeyjvm.core.InfoWriter

/**
 * The body of `info { }`: the module's INFO sections, written each time the server asks. Fields
 * show as `<module>_<name>`; a section as `<module>_<section>` (`section("")` is the module's
 * main one).
 *
 * ```kotlin
 * info {
 *     section("stats") {
 *         field("requests", requests.get())
 *         dict("db0") { field("keys", 3); field("expires", 1) }
 *     }
 * }
 * ```
 */
@ValkeyDsl
public class InfoScope internal constructor(private val writer: InfoWriter) {
    /** A section and its fields. */
    public fun section(name: String, fields: InfoFieldsScope.() -> Unit) {
        writer.section(name)
        InfoFieldsScope(writer).fields()
    }
}

/** The fields of an INFO section or dictionary. */
@ValkeyDsl
public class InfoFieldsScope internal constructor(private val writer: InfoWriter) {
    /** An integer field. */
    public fun field(name: String, value: Long) { writer.field(name, value) }

    /** An integer field. */
    public fun field(name: String, value: Int) { writer.field(name, value.toLong()) }

    /** A floating-point field. */
    public fun field(name: String, value: Double) { writer.field(name, value) }

    /** A text field. */
    public fun field(name: String, value: String) { writer.field(name, value) }

    /** An unsigned integer field: [value] as unsigned. */
    public fun field(name: String, value: ULong) { writer.unsignedField(name, value.toLong()) }

    /** A dictionary field: `name:key=value,key=value`. */
    public fun dict(name: String, fields: InfoFieldsScope.() -> Unit) {
        writer.dict(name) { InfoFieldsScope(it).fields() }
    }
}
