package io.valkeyjvm.dsl

/**
 * True when the command comes from the primary's replication stream or the AOF (MustObeyClient):
 * it must run as it comes, whatever the module would decide for a client. Valkey 8.1 and later.
 *
 * ```kotlin
 * command("counter.incr", arity = 2, flags = "write", keys = Keys.single()) { args ->
 *     if (mustObeyClient) replays++
 *     reply(call("INCR", args[1], flags = setOf(CallFlag.NOT_PROPAGATED)))
 *     replicateVerbatim()
 * }
 * ```
 */
public val CommandScope.mustObeyClient: Boolean get() = context.mustObeyClient()
