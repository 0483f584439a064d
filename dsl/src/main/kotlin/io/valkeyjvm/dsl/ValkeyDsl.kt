package io.valkeyjvm.dsl

/**
 * The DSL marker of every valkey-jvm builder scope: inside a nested block, the outer scopes'
 * members are not reachable without an explicit receiver, so `command(...)` cannot be called
 * from inside a command's handler by mistake.
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPEALIAS, AnnotationTarget.TYPE)
public annotation class ValkeyDsl
