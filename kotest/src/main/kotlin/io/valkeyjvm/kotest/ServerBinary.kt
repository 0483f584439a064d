package io.valkeyjvm.kotest

import java.io.File
import java.nio.file.Files
import java.nio.file.Path

/** The environment variable that names the valkey-server binary to run. */
internal const val VALKEY_SERVER_ENV: String = "VALKEY_SERVER_PATH"

private const val INSTALL_HINT: String =
    "Install valkey-server 8.0.1 from Debian bookworm-backports as the README describes " +
        "(apt-get install -t bookworm-backports valkey-server), " +
        "or set $VALKEY_SERVER_ENV to the path of a valkey-server binary."

/**
 * Finds the valkey-server binary: [VALKEY_SERVER_ENV] if set, else `valkey-server` on `PATH`.
 *
 * @param env the environment to read `VALKEY_SERVER_PATH` and `PATH` from (the process's by default).
 * @throws IllegalStateException with installation advice when no binary can be found.
 */
internal fun locateServerBinary(env: Map<String, String> = System.getenv()): Path {
    val explicit = env[VALKEY_SERVER_ENV]
    if (!explicit.isNullOrBlank()) {
        val path = Path.of(explicit).toAbsolutePath().normalize()
        check(Files.isRegularFile(path) && Files.isExecutable(path)) {
            "$VALKEY_SERVER_ENV=$explicit is not an executable file. $INSTALL_HINT"
        }
        return path
    }
    val searchPath = env["PATH"].orEmpty()
    val found = searchPath.split(File.pathSeparatorChar)
        .filter { it.isNotBlank() }
        .map { Path.of(it, "valkey-server") }
        .firstOrNull { Files.isRegularFile(it) && Files.isExecutable(it) }
    return checkNotNull(found) {
        "valkey-server was not found: $VALKEY_SERVER_ENV is not set and no valkey-server is on PATH " +
            "($searchPath). $INSTALL_HINT"
    }.toAbsolutePath().normalize()
}

/** Checks that an explicitly configured [binary] can be run. */
internal fun checkServerBinary(binary: Path): Path {
    val path = binary.toAbsolutePath().normalize()
    check(Files.isRegularFile(path) && Files.isExecutable(path)) {
        "valkey-server binary $path is not an executable file. $INSTALL_HINT"
    }
    return path
}
