package io.valkeyjvm.core.internal;

import io.valkeyjvm.raw.NativeAccess;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the JVM heap out of the server's fork children (BGSAVE, AOF rewrite, full sync), which
 * never enter the JVM: the loader advises the kernel not to copy the heap's mappings into a
 * child (MADV_DONTFORK) before each fork. The fork then copies no page table of the heap, and
 * what the JVM writes while a save runs (allocation, GC) is not copied on write; only the
 * server's own memory is. The heap's range comes from the JVM itself, for the collectors whose
 * heap is one contiguous reservation (Serial, Parallel, G1): the line the JVM logs about its heap's
 * reservation while it starts, which the loader passes on (see jvm.c, heap_log_option), or
 * else the GC.heap_info diagnostic command through JMX, whose MBean server costs megabytes of RSS.
 * With another collector, or {@code -Dvalkeyjvm.excludeHeapFromForks=false}, forks copy the heap's
 * mappings as before.
 */
final class ForkExclusion {
    static final String PROPERTY = "valkeyjvm.excludeHeapFromForks";
    /** The text the JVM logged about its heap's reservation, set by the loader (jvm.c, publish_heap_log). */
    static final String HEAP_LOG_PROPERTY = "valkeyjvm.heapLog";
    private static final Set<String> CONTIGUOUS_HEAP_COLLECTORS = Set.of(
            "Copy", "MarkSweepCompact", "PS Scavenge", "PS MarkSweep", "G1 Young Generation", "G1 Old Generation", "G1 Concurrent GC");
    /** A range as GC.heap_info prints it: [0x..., 0x..., 0x...) or [0x..., 0x...). */
    private static final Pattern RANGE = Pattern.compile("\\[(0x[0-9a-f]+)(?:, 0x[0-9a-f]+)*, (0x[0-9a-f]+)\\)");
    private static final long PAGE = 4096;
    /**
     * CompressedOops::print_mode's line (JDK 17 to 25): the reserved heap's start, and its size in
     * whole MB, rounded down, so a range from it never goes past the heap.
     */
    private static final Pattern HEAP_ADDRESS = Pattern.compile("Heap address: (0x[0-9a-f]+), size: ([0-9]+) MB");
    private static final long MB = 1024 * 1024;

    private static volatile boolean installed;

    private ForkExclusion() {}

    /** Hands the heap's range to the loader, unless it is not known or turned off (then {@link #installed()} is false). */
    static void install() {
        installed = false;
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) return;
        try {
            long[] range = heapRange();
            if (range == null) return;
            NativeAccess.excludeFromForks(range[0], range[1]);
            installed = true;
        } catch (Exception | LinkageError e) {
            // Forks copy the heap's mappings, as without the exclusion.
        }
    }

    /** True when the loader keeps the JVM heap out of fork children. */
    static boolean installed() {
        return installed;
    }

    /** The heap's reserved range [start, end), page-aligned, or null when the collector or the output is not one this knows. */
    static long @Nullable [] heapRange() throws Exception {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
            if (!CONTIGUOUS_HEAP_COLLECTORS.contains(collector.getName())) return null;
        long[] logged = loggedHeapRange();
        if (logged != null) return logged;
        String info = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcHeapInfo", new Object[] {null}, new String[] {String[].class.getName()});
        return parse(info, Runtime.getRuntime().maxMemory());
    }

    /** The range in the JVM's start-up log line that the loader passed on, or null when it has none. */
    static long @Nullable [] loggedHeapRange() {
        String log = System.getProperty(HEAP_LOG_PROPERTY);
        return log == null ? null : parseLog(log, Runtime.getRuntime().maxMemory());
    }

    /**
     * The heap's range [start, start + size) from the JVM's "Heap address" log line, or null when
     * there is none (no compressed oops, the user's -Xlog:disable) or it does not describe a heap of
     * at least {@code maxHeapBytes} on page boundaries.
     */
    static long @Nullable [] parseLog(String log, long maxHeapBytes) {
        Matcher line = HEAP_ADDRESS.matcher(log);
        if (!line.find()) return null;
        long start, size;
        try {
            start = Long.parseUnsignedLong(line.group(1).substring(2), 16);
            size = Math.multiplyExact(Long.parseLong(line.group(2)), MB);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
        long end = start + size;
        if (start == 0 || Long.compareUnsigned(end, start) <= 0 || start % PAGE != 0 || size < maxHeapBytes) return null;
        return new long[] {start, end};
    }

    /** The smallest start and largest end of the heap's ranges in GC.heap_info's output (its Metaspace lines have none). */
    static long @Nullable [] parse(String heapInfo, long maxHeapBytes) {
        long start = Long.MAX_VALUE, end = 0;
        for (String line : heapInfo.split("\n")) {
            if (line.strip().startsWith("Metaspace") || line.strip().startsWith("class space")) break;
            Matcher range = RANGE.matcher(line);
            while (range.find()) {
                start = Math.min(start, Long.parseUnsignedLong(range.group(1).substring(2), 16));
                end = Math.max(end, Long.parseUnsignedLong(range.group(2).substring(2), 16));
            }
        }
        if (end == 0 || start % PAGE != 0 || end % PAGE != 0 || end - start < maxHeapBytes) return null;
        return new long[] {start, end};
    }
}
