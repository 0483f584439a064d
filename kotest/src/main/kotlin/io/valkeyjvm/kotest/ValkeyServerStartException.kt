package io.valkeyjvm.kotest

/**
 * Thrown by [ValkeyServer.start] when the server exits, or does not answer `PING`, before its
 * start timeout. The message names the cause and carries the tail of the server's log file and of
 * its stdout/stderr, so the server's own error text shows up in the test report.
 *
 * @param message what went wrong, followed by the log tails.
 * @param cause the underlying error, if any.
 */
public class ValkeyServerStartException(message: String, cause: Throwable? = null) :
    RuntimeException(message, cause)
