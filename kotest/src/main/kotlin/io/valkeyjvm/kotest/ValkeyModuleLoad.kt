package io.valkeyjvm.kotest

import java.nio.file.Files
import java.nio.file.Path

/**
 * One `--loadmodule` entry for a test server: the module's shared object and the arguments
 * valkey-server passes to its `OnLoad`.
 *
 * The file must exist when this is created, so a spec that points at a module which was not
 * built fails at once with the path in the message, rather than with a server that will not start.
 *
 * @param path the module's shared object (`.so`); kept as an absolute, normalized path.
 * @param args the module arguments, in order.
 * @throws IllegalArgumentException if [path] is not an existing regular file.
 */
public class ValkeyModuleLoad(path: Path, args: List<String> = emptyList()) {

    /** The absolute, normalized path of the module's shared object. */
    public val path: Path = path.toAbsolutePath().normalize()

    /** The module arguments, in order. */
    public val args: List<String> = args.toList()

    init {
        require(Files.isRegularFile(this.path)) {
            if (Files.exists(this.path)) {
                "Valkey module is not a regular file: ${this.path}"
            } else {
                "Valkey module file not found: ${this.path} (given as '$path'). " +
                    "Build the module first (mvn package) or fix the path."
            }
        }
    }

    /** The valkey-server command-line arguments for this entry: `--loadmodule <path> <args...>`. */
    public fun toServerArgs(): List<String> = listOf("--loadmodule", path.toString()) + args

    /** Two entries are equal when they load the same file with the same arguments. */
    override fun equals(other: Any?): Boolean =
        other is ValkeyModuleLoad && other.path == path && other.args == args

    /** Hash code consistent with [equals]. */
    override fun hashCode(): Int = 31 * path.hashCode() + args.hashCode()

    /** The entry as it appears on the server command line. */
    override fun toString(): String = toServerArgs().drop(1).joinToString(" ")
}
