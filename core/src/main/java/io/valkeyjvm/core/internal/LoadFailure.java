package io.valkeyjvm.core.internal;

/** A load that cannot go on; the message is the log line: the problem, then the fix. */
final class LoadFailure extends Exception {
    private static final long serialVersionUID = 1L;

    LoadFailure(String message) {
        super(message, null, false, false);
    }
}
