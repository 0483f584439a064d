package io.valkeyjvm.core;

import io.valkeyjvm.core.internal.ErrorReplies;
import java.util.regex.Pattern;

/**
 * An error reply: throw it from a command, and the client gets it as the error line
 * {@code CODE detail}. Only a {@code ValkeyException} chooses its error code; any other exception
 * a command throws replies {@code ERR <its message>}, and its stack trace goes to the log.
 *
 * <pre>{@code
 * throw new ValkeyException("ERR invalid count");          // an error line, code first
 * throw new ValkeyException("invalid count");              // no code: ERR invalid count
 * throw ValkeyException.error("URL is bad");               // always ERR: ERR URL is bad
 * throw ValkeyException.withCode("BUSYKEY", "Target key name already exists.");
 * throw ValkeyException.wrongType();                       // the server's WRONGTYPE reply
 * }</pre>
 */
public class ValkeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]+");

    /**
     * An error line: as is when {@code message} starts with an upper-case error code ({@code
     * WRONGTYPE ...}, {@code ERR ...}), otherwise {@code ERR message}.
     */
    public ValkeyException(String message) {
        super(message);
    }

    /** Like {@link #ValkeyException(String)}, keeping the cause for the log. */
    public ValkeyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error whose code is {@code ERR}, whatever {@code detail} starts with. */
    public static ValkeyException error(String detail) {
        return new ValkeyException("ERR " + detail);
    }

    /**
     * An error with its own code: {@code withCode("BUSYKEY", "Target key name already exists.")}.
     *
     * @throws IllegalArgumentException if {@code code} is not an upper-case word of two or more
     *     characters (A-Z, digits, '_' and '-', starting with a letter)
     */
    public static ValkeyException withCode(String code, String detail) {
        if (!CODE.matcher(code).matches())
            throw new IllegalArgumentException("an error code is an upper-case word such as ERR or BUSYKEY, not '" + code + "'");
        return new ValkeyException(detail.isEmpty() ? code : code + " " + detail);
    }

    /**
     * An error line sent exactly as given, without an error code when it has none
     * ({@code -not found}), as a C module's ReplyWithError("not found") sends it. Clients show
     * such an error with no code; prefer a coded one for new commands. CR and LF become spaces.
     */
    public static ValkeyException verbatim(String line) {
        return new VerbatimException(line);
    }

    /** The server's reply for an operation on a key of the wrong type. */
    public static ValkeyException wrongType() {
        return new WrongTypeException();
    }

    /** The error line the client gets: the code, then the detail. */
    public String replyLine() {
        return ErrorReplies.format(getMessage() != null ? getMessage() : "");
    }

    /** The error code the client gets: {@code ERR}, {@code WRONGTYPE}, ... */
    public String code() {
        String line = replyLine();
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    /** An error line sent as it is, code or not. */
    private static final class VerbatimException extends ValkeyException {
        private static final long serialVersionUID = 1L;

        VerbatimException(String line) {
            super(line);
        }

        @Override
        public String replyLine() {
            return getMessage().replace('\r', ' ').replace('\n', ' ');
        }
    }

    /** An operation on a key holding another type of value: the server's own WRONGTYPE reply. */
    public static final class WrongTypeException extends ValkeyException {
        private static final long serialVersionUID = 1L;

        WrongTypeException() {
            super("WRONGTYPE Operation against a key holding the wrong kind of value");
        }
    }
}
