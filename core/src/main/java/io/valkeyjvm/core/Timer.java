package io.valkeyjvm.core;

/** A one-shot timer from {@link Timers#schedule}. Its methods run on the main thread. */
public interface Timer {
    /** Stops the timer; true if it was still pending (its action will not run). */
    boolean stop();

    /** Milliseconds until it fires, or -1 once it fired or was stopped. */
    long remainingMillis();

    /** True until it fires or is stopped. */
    default boolean isPending() {
        return remainingMillis() >= 0;
    }
}
