package io.valkeyjvm.core;

/**
 * A {@link BlockedClient} that also watches keys: its {@link KeySignalListener} runs each time
 * one of them is signalled ready, and the client stays blocked until it is completed, times
 * out, disconnects or is unblocked by {@code CLIENT UNBLOCK}, as any blocked client.
 */
public interface KeyWatchingClient extends BlockedClient {
    /**
     * Runs the listener once more, soon, on the main thread, with no ready key: for a waiter that
     * starts after the client blocked, and must look at the keys before the next write does.
     * Does nothing once the client has ended. Any thread.
     */
    void recheck();
}
