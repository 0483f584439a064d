package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_LOADING;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_REPLICATED;

import com.sun.management.GcInfo;
import io.valkeyjvm.core.LogLevel;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Refuses {@code deny-oom} commands with an {@code -OOM} error while the JVM heap stays full
 * after garbage collection, the way the server refuses them over {@code maxmemory}: on a full
 * heap such a command would cost the main thread a GC or two and then fail with
 * OutOfMemoryError anyway. Commands without deny-oom (reads, deletes) still run, so that memory
 * can be freed.
 *
 * <p>A command reads one volatile field. The state comes from a watcher thread, which
 * looks every {@link #POLL_MILLIS} ms whether a GC happened (collection counts: no allocation)
 * and if so, whether the heap stayed above the threshold after it (every
 * {@link #NEAR_POLL_MILLIS} ms when the heap is near the threshold). That look allocates nothing
 * while the heap is under the threshold or the guard is on; otherwise the last GC's figures
 * decide, and an OutOfMemoryError while reading them is proof enough. It does not listen to GC
 * notifications: on a heap full to the brim, a notification's allocations cause the next GC,
 * whose notification causes the next, which kept the JVM collecting without end. The guard
 * clears at the first GC that leaves the heap under the threshold. A refusal while no GC
 * happened for {@link #RECHECK_SECONDS} asks for a fresh look: a GC on the watcher thread
 * (System.gc, so none with -XX:+DisableExplicitGC), at most once per that interval, so that
 * memory freed meanwhile (FLUSHALL) is seen on an idle heap too.
 */
final class HeapGuard {
    /** The system property (jvm-option -D...) with the threshold: a percentage of the max heap, 0 for no guard. */
    public static final String PERCENT_PROPERTY = "valkeyjvm.heapGuardPercent";
    static final int DEFAULT_PERCENT = 90;
    static final long POLL_MILLIS = 100;
    /** How often the watcher looks while the heap is within 10% of the max below the threshold, or above it. */
    static final long NEAR_POLL_MILLIS = 5;
    static final long RECHECK_SECONDS = 5;
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(RECHECK_SECONDS);

    /** The one field a deny-oom command reads: the heap stayed above the threshold after the last GC. */
    private static volatile boolean full;
    /** The error line of refused commands and the log line of the guard turning on: written at load, since a full heap allocates nothing. */
    private static volatile String refusal = "OOM command not allowed when the JVM heap is full", fullLine = refusal;
    private static final AtomicLong refused = new AtomicLong();
    private static volatile int percent;
    private static volatile long thresholdBytes = Long.MAX_VALUE, nearBytes = Long.MAX_VALUE, reserveFromBytes = Long.MAX_VALUE,
            maxBytes;
    private static volatile long lastGcNanos = System.nanoTime(), nextRecheckNanos = lastGcNanos;
    /** A refusal asked for a GC, to be run by the watcher. */
    private static volatile boolean recheckRequested;
    /**
     * Room held back for the commands that free memory (reads, deletes, INFO): dropped when the
     * guard turns on, so that they still run if a fast writer got the heap to the brim before
     * the watcher looked; taken again once the heap has room for it. On a heap over 256 MB (a
     * reserve at its 8 MB cap) it is taken only once the heap is half way to the threshold: a new
     * array is written through, so an early reserve would be resident memory of every module
     * that holds little (8 MB of RSS each), and such a heap does not fill from half to full
     * between two looks. A smaller heap can: it gets its reserve at load. Watcher thread only.
     */
    private static byte @org.jspecify.annotations.Nullable [] reserve;
    private static int reserveBytes;
    /** Watcher thread only: the collection count at the last look. */
    private static long collections;
    /** An array, not a list: counting the collections must not allocate (an iterator) on a full heap. */
    private static GarbageCollectorMXBean[] collectors = new GarbageCollectorMXBean[0];
    private static @org.jspecify.annotations.Nullable Thread watcher;
    private static Set<String> heapPools = Set.of();

    private HeapGuard() {}

    /**
     * Reads the threshold and starts watching the heap (OnLoad, main thread).
     *
     * @throws LoadFailure if the threshold property is not a percentage
     */
    static synchronized void install() throws LoadFailure {
        percent = thresholdPercent(System.getProperty(PERCENT_PROPERTY));
        maxBytes = Runtime.getRuntime().maxMemory();
        Set<String> pools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pools.add(pool.getName());
        heapPools = pools;
        collectors = ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
        collections = collectionCount();
        if (percent == 0 || maxBytes == Long.MAX_VALUE) return;
        thresholdBytes = maxBytes / 100 * percent;
        nearBytes = thresholdBytes - maxBytes / 10;
        reserveBytes = (int) Math.max(64 << 10, Math.min(8 << 20, maxBytes / 32));
        // A heap small enough for a reserve under the cap can fill between two looks: it gets its reserve at once.
        reserveFromBytes = reserveBytes < (8 << 20) ? 0 : thresholdBytes / 2;
        if (reserveFromBytes == 0) reserve = new byte[reserveBytes];
        String limit = "over " + percent + "% of its " + megabytes(maxBytes) + " max in use after GC";
        refusal = "OOM command not allowed when the JVM heap is full (" + limit + "); raise it with jvm-option -Xmx..., or free data";
        fullLine = "valkey-jvm: module '" + ModuleRuntime.name() + "': the JVM heap is full (" + limit + "): deny-oom commands"
                + " are refused with -OOM until a GC frees enough; raise the heap with jvm-option -Xmx... or free data";
        Thread thread = new Thread(HeapGuard::watch, "valkey-jvm-" + ModuleRuntime.name() + "-heap-guard");
        thread.setDaemon(true);
        thread.start();
        watcher = thread;
    }

    /** MODULE UNLOAD: the watcher ends (interrupted). */
    static synchronized void uninstall() {
        if (watcher != null) watcher.interrupt();
        watcher = null;
        full = false;
    }

    /**
     * The watcher thread: a plain loop that survives anything, since on a heap full to the brim
     * the machinery of an executor can fail (and a periodic task that once failed never runs again).
     */
    private static void watch() {
        Runtime runtime = Runtime.getRuntime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                // Often when the heap nears the threshold: a fast writer can fill the rest in well under POLL_MILLIS.
                boolean near = runtime.totalMemory() - runtime.freeMemory() >= nearBytes;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(near ? NEAR_POLL_MILLIS : POLL_MILLIS));
                look();
                if (recheckRequested) {
                    recheckRequested = false;
                    System.gc();
                }
            } catch (Throwable failure) {
                // Out of memory for a moment; the next look tries again.
            }
        }
    }

    /** A command ran out of memory: the watcher looks now rather than at its next turn. */
    static void wake() {
        Thread thread = watcher;
        if (thread != null) LockSupport.unpark(thread);
    }

    /** The threshold in percent of the max heap from the property's value (null: the default); 0 turns the guard off. */
    static int thresholdPercent(@org.jspecify.annotations.Nullable String value) throws LoadFailure {
        if (value == null || value.isBlank()) return DEFAULT_PERCENT;
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0 && parsed <= 100) return parsed;
        } catch (NumberFormatException ignored) {
            // Said below.
        }
        throw new LoadFailure("jvm-option -D" + PERCENT_PROPERTY + "=" + value + " is not a percentage: give the share of the"
                + " max heap (1-100) that, still used after a GC, makes deny-oom commands fail with -OOM, or 0 for no heap guard");
    }

    /**
     * Before a deny-oom command: true if it is refused, its -OOM error replied. Costs one volatile
     * read while the heap has room. Commands from the primary's stream or the AOF always run.
     */
    static boolean refuses(long ctx) {
        if (!full) return false;
        // A primary's stream and the AOF are never refused, as by the server.
        if ((GetContextFlags(ctx) & (CTX_FLAGS_REPLICATED | CTX_FLAGS_LOADING)) != 0) return false;
        refused.incrementAndGet();
        ReplyWithError(ctx, refusal);
        long now = System.nanoTime();
        if (now - lastGcNanos > RECHECK_NANOS && now - nextRecheckNanos >= 0) {
            nextRecheckNanos = now + RECHECK_NANOS;
            recheckRequested = true;
        }
        return true;
    }

    /** The watcher's look at the heap, after a GC. */
    private static void look() {
        long count = collectionCount();
        if (count == collections) return;
        collections = count;
        lastGcNanos = System.nanoTime();
        Runtime runtime = Runtime.getRuntime();
        long usedNow = runtime.totalMemory() - runtime.freeMemory();
        // Usage only grows between collections: under the threshold now, under it after the GC. The guard
        // clears only with room for the reserve it let go, or taking it back would fill the heap again
        // (the guard flapped off and on while the refused writes came in).
        if (usedNow + reserveBytes < thresholdBytes) set(false);
        else if (!full) set(overAfterLastGc());
        if (!full && reserve == null && usedNow >= reserveFromBytes && usedNow + reserveBytes < thresholdBytes) {
            try {
                reserve = new byte[reserveBytes];
            } catch (OutOfMemoryError notYet) {
                // The next look tries again.
            }
        }
    }

    /** True if the last GC left the heap above the threshold; allocates. */
    private static boolean overAfterLastGc() {
        try {
            return usedAfterLastGc() >= thresholdBytes;
        } catch (OutOfMemoryError noRoomForTheFigures) {
            return true;
        }
    }

    private static long collectionCount() {
        long count = 0;
        for (int i = 0; i < collectors.length; i++) count += Math.max(0, collectors[i].getCollectionCount());
        return count;
    }

    /** The heap's usage after the last GC (of whichever collector ended last), -1 before the first; allocates. */
    static long usedAfterLastGc() {
        GcInfo latest = null;
        for (GarbageCollectorMXBean collector : collectors) {
            if (!(collector instanceof com.sun.management.GarbageCollectorMXBean withInfo)) continue;
            GcInfo info = withInfo.getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) latest = info;
        }
        if (latest == null) return -1;
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet())
            if (heapPools.contains(pool.getKey())) used += pool.getValue().getUsed();
        return used;
    }

    /** Turns the guard on or off (watcher thread), and says so in the log. */
    static void set(boolean nowFull) {
        if (nowFull == full) return;
        full = nowFull;
        if (nowFull) reserve = null;
        try {
            String line = nowFull ? fullLine : "valkey-jvm: module '" + ModuleRuntime.name() + "': the JVM heap has room again:"
                    + " deny-oom commands run again (" + refused.get() + " refused so far)";
            FailureLog.warn("the JVM heap guard", nowFull ? "turned on" : "turned off", () -> line,
                    text -> ServerHost.log(nowFull ? LogLevel.WARNING : LogLevel.NOTICE, text));
        } catch (Throwable noRoomForTheLine) {
            // The state is what matters; INFO shows it too.
        }
    }

    static boolean active() {
        return full;
    }

    static int percent() {
        return percent;
    }

    static long refusedCommands() {
        return refused.get();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
