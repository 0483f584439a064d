package io.valkeyjvm.dsl

/**
 * Where a command's key arguments are, as the server's legacy key spec: the position of the
 * [first] key, of the [last] (negative counts from the end, -1 is the last argument) and the
 * [step] between keys. Positions count the command name as 0.
 *
 * ```kotlin
 * command("x.get", arity = 2, keys = Keys(1, 1, 1)) { args -> /* args[1] is the key */ }
 * ```
 */
public data class Keys(val first: Int, val last: Int, val step: Int) {
    public companion object {
        /** The command takes no keys. */
        public val NONE: Keys = Keys(0, 0, 0)

        /** One key, at [position]. */
        public fun single(position: Int = 1): Keys = Keys(position, position, 1)
    }
}
