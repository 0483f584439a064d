package io.valkeyjvm.dsl

import io.valkeyjvm.core.LatencyMonitor
import kotlin.time.Duration

/**
 * Reports that [event] took [duration] (whole milliseconds) to the server's latency monitor
 * (LATENCY LATEST, LATENCY HISTORY); kept only when it reaches latency-monitor-threshold
 * (see [LatencyMonitor.addSample] for a threshold of 0).
 */
public fun CommandScope.addLatencySample(event: String, duration: Duration): Unit =
    LatencyMonitor.addSample(event, duration.inWholeMilliseconds)
