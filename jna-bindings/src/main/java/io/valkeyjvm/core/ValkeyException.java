package io.valkeyjvm.core;

/**
 * An error reply. Throw it from a command and the client gets the message as an error: as is
 * when it starts with an upper-case error code ({@code WRONGTYPE ...}, {@code ERR ...}),
 * otherwise prefixed with {@code ERR }.
 *
 * <pre>{@code
 * throw new ValkeyException("ERR invalid count");
 * throw ValkeyException.wrongType();
 * }</pre>
 */
public class ValkeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error reply with this message. */
    public ValkeyException(String message) {
        super(message);
    }

    /** An error reply with this message, keeping the cause for the log. */
    public ValkeyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server's reply for an operation on a key of the wrong type. */
    public static ValkeyException wrongType() {
        return new ValkeyException("WRONGTYPE Operation against a key holding the wrong kind of value");
    }
}
