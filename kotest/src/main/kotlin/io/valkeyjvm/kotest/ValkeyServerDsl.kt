package io.valkeyjvm.kotest

/**
 * Marks the kit's builder DSL, so a nested block cannot call an outer block's builder by accident.
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
public annotation class ValkeyServerDsl
