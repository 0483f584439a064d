package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.ValkeyException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/** The one mapping from a failure to the error reply a client sees. */
@InternalValkeyJvmApi
public final class ErrorReplies {
    /** An upper-case error code of two or more characters, then a space or the end: "WRONGTYPE ...", "ERR ...". */
    private static final Pattern ERROR_CODE = Pattern.compile("^[A-Z][A-Z0-9_-]+(?: .*)?$", Pattern.DOTALL);

    private ErrorReplies() {}

    /**
     * The error line for {@code message}: as is when it starts with an error code, else prefixed
     * with ERR. Trailing spaces stay: a called command's error line passes on byte for byte
     * (the server's "ERR unknown command 'x', with args beginning with: " ends with one).
     */
    public static String format(String message) {
        String line = message.replace('\r', ' ').replace('\n', ' ').stripLeading();
        if (line.isBlank()) return "ERR";
        return ERROR_CODE.matcher(line).matches() ? line : "ERR " + line;
    }

    /**
     * The error line for a command that threw {@code failure}: a {@link ValkeyException} chooses
     * its code; any other exception is {@code ERR <message>}, whatever its message starts with.
     */
    public static String of(Throwable failure) {
        if (failure instanceof ValkeyException) return ((ValkeyException) failure).replyLine();
        String message = failure.getMessage();
        String line = (message != null ? message : failure.toString()).replace('\r', ' ').replace('\n', ' ').trim();
        return line.isEmpty() ? "ERR" : "ERR " + line;
    }

    /** True if the failure is an ordinary error reply rather than a bug worth a log line. */
    public static boolean isExpected(Throwable failure) {
        return failure instanceof ValkeyException;
    }

    /** The stack trace on one line, for a server log line. */
    public static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString().strip().replace("\n", " | ").replace("\t", "");
    }
}
