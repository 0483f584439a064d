package io.valkeyjvm.dsl

import io.valkeyjvm.core.LatencyMonitor
import kotlin.time.Duration

/**
 * Reports that [event] took [duration] (whole milliseconds) to the server's latency monitor
 * (LATENCY LATEST, LATENCY HISTORY); kept only when it reaches latency-monitor-threshold.
 */
public fun CommandScope.addLatencySample(event: String, duration: Duration): Unit =
    LatencyMonitor.addSample(event, duration.inWholeMilliseconds)
