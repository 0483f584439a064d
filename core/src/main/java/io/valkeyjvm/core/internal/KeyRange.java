package io.valkeyjvm.core.internal;

/**
 * A range iterator the server keeps inside an open key (a sorted set's or a stream's): one per key
 * at a time, so starting another ends it, and so does the key's close.
 */
abstract class KeyRange {
    final NativeKey key;
    /** The server's key, valid until {@link #end()}. */
    final long handle;
    private boolean ended;

    KeyRange(NativeKey key, long handle) {
        this.key = key;
        this.handle = handle;
        key.startRange(this);
    }

    final boolean ended() {
        return ended;
    }

    /** Stops the server's iterator; later calls do nothing. */
    final void end() {
        if (ended) return;
        ended = true;
        stop();
        key.rangeEnded(this);
    }

    abstract void stop();

    /** Runs the key's checks (closed, wrong thread, call over) before a step. */
    final void checkKey() {
        key.owner().checkLive();
    }
}
