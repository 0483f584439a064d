package io.valkeyjvm.core;

import io.valkeyjvm.raw.ValkeyModuleApi;

/**
 * The server's latency monitor (LATENCY LATEST, LATENCY HISTORY, LATENCY DOCTOR): a module
 * reports how long its own events took, next to the server's.
 */
public final class LatencyMonitor {
    private LatencyMonitor() {}

    /**
     * Adds a sample of {@code milliseconds} to {@code event}'s history (LatencyAddSample). The
     * server keeps it only when it reaches latency-monitor-threshold; while the threshold is 0
     * (the monitor off) Valkey 9.1 keeps none, Valkey 8.0 every one. Main thread only.
     *
     * @throws IllegalArgumentException for an empty event name or a negative duration
     */
    public static void addSample(String event, long milliseconds) {
        if (event.isEmpty()) throw new IllegalArgumentException("a latency event needs a name");
        if (milliseconds < 0) throw new IllegalArgumentException("a latency sample cannot be negative: " + milliseconds);
        MainThread.check("LatencyMonitor.addSample");
        ValkeyModuleApi.LatencyAddSample(event, milliseconds);
    }
}
