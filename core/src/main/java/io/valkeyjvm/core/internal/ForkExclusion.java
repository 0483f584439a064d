package io.valkeyjvm.core.internal;

import io.valkeyjvm.raw.NativeAccess;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the JVM's memory out of the server's fork children (BGSAVE, AOF rewrite, full sync), which
 * never enter the JVM: the loader advises the kernel not to copy the JVM's mappings into a child
 * (MADV_DONTFORK) before each fork. The fork then copies no page table of them (a shorter fork),
 * and what the JVM writes while a save runs (allocation, GC, JIT) is not copied on write; only the
 * server's own memory is. The ranges come from the JVM itself: the heap, for the collectors whose
 * heap is one contiguous reservation (Serial, Parallel, G1), and, from the lines the JVM logs about
 * its reservations while it starts (see jvm.c, reservation_log_option), its code heaps, those
 * collectors' tables, and the class data archive with its class space when they are mapped as
 * logged. Without that log, the heap's range comes from the GC.heap_info diagnostic command through
 * JMX, whose MBean server costs megabytes of RSS. {@code -Dvalkeyjvm.excludeJvmFromForks=false}
 * keeps every mapping in fork children.
 */
final class ForkExclusion {
    static final String PROPERTY = "valkeyjvm.excludeJvmFromForks";
    /** The text the JVM logged about its reservations, set by the loader (jvm.c, publish_reservation_log). */
    static final String RESERVATION_LOG_PROPERTY = "valkeyjvm.reservationLog";
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
    /** A pagesize line about one reservation: "CodeHeap 'non-nmethods': min=... base=0x... size=5692K ...", "Card Table: ...". */
    private static final Pattern RESERVATION = Pattern.compile("\\[pagesize *\\] ([A-Za-z][A-Za-z' -]*?): .*\\bbase=(0x[0-9a-f]+)\\b.*?\\bsize=([0-9]+)([BKMG])\\b");
    /** The class data archive's reservation, and the class space reserved right after it: "Reserved archive_space_rs [0x... - 0x...]". */
    private static final Pattern CDS_RESERVED = Pattern.compile("Reserved (archive_space_rs|class_space_rs) *\\[(0x[0-9a-f]+) - (0x[0-9a-f]+)\\]");
    private static final long MB = 1024 * 1024;

    private static volatile boolean installed;
    private static volatile int rangesExcluded;

    private ForkExclusion() {}

    /** Hands the JVM's ranges to the loader, unless none is known or it is turned off (then {@link #installed()} is false). */
    static void install() {
        installed = false;
        rangesExcluded = 0;
        NativeAccess.excludeFromForks(0, 0);
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) return;
        String log = System.getProperty(RESERVATION_LOG_PROPERTY);
        List<long[]> ranges = new ArrayList<>();
        boolean contiguousHeap = contiguousHeapCollector();
        try {
            long[] heap = contiguousHeap ? heapRange(log) : null;
            if (heap != null) ranges.add(heap);
            installed = heap != null;
        } catch (Exception | LinkageError e) {
            // Forks copy the heap's mappings, as without the exclusion.
        }
        if (log != null) ranges.addAll(otherReservations(log, contiguousHeap, mappings()));
        int excluded = 0;
        for (long[] range : ranges) if (NativeAccess.excludeFromForks(range[0], range[1])) excluded++;
        rangesExcluded = excluded;
    }

    /** True when the loader keeps the JVM heap out of fork children. */
    static boolean installed() {
        return installed;
    }

    /** How many of the JVM's ranges (the heap's included) the loader keeps out of fork children. */
    static int rangesExcluded() {
        return rangesExcluded;
    }

    private static boolean contiguousHeapCollector() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
            if (!CONTIGUOUS_HEAP_COLLECTORS.contains(collector.getName())) return false;
        return true;
    }

    /**
     * The heap's reserved range [start, end), page-aligned, from the JVM's start-up {@code log}, else
     * from GC.heap_info; null when neither gives one this knows.
     */
    static long @Nullable [] heapRange(@Nullable String log) throws Exception {
        long[] logged = log == null ? null : parseLog(log, Runtime.getRuntime().maxMemory());
        if (logged != null) return logged;
        String info = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcHeapInfo", new Object[] {null}, new String[] {String[].class.getName()});
        return parse(info, Runtime.getRuntime().maxMemory());
    }

    /** The process's mappings (/proc/self/maps), or "" when they cannot be read (then no archive range is trusted). */
    private static String mappings() {
        try {
            return Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The JVM's reservations other than the heap in its start-up log, page-aligned: every code heap;
     * with a collector of one contiguous heap ({@code gcTables}), that collector's tables; and the
     * class data archive's reservation with the class space right after it, only when
     * {@code mappings} (/proc/self/maps) shows the archive file mapped inside it (a reservation
     * given back after a failed mapping may be anyone's memory by now).
     */
    static List<long[]> otherReservations(String log, boolean gcTables, String mappings) {
        List<long[]> ranges = new ArrayList<>();
        Matcher line = RESERVATION.matcher(log);
        while (line.find()) {
            String what = line.group(1);
            if (what.startsWith("Heap")) continue;
            if (!what.startsWith("CodeHeap") && !gcTables) continue;
            long start, size;
            try {
                start = address(line.group(2));
                size = Math.multiplyExact(Long.parseLong(line.group(3)), unit(line.group(4)));
            } catch (NumberFormatException | ArithmeticException e) {
                continue;
            }
            long end = start + size;
            if (Long.compareUnsigned(end, start) <= 0) continue;
            // A size in exact bytes may end inside a page: the range stops at the last whole page.
            long[] range = {start, end - end % PAGE};
            if (pageRange(range)) ranges.add(range);
        }
        long[] archive = null, classSpace = null;
        Matcher cds = CDS_RESERVED.matcher(log);
        while (cds.find()) {
            long[] range;
            try {
                range = new long[] {address(cds.group(2)), address(cds.group(3))};
            } catch (NumberFormatException e) {
                continue;
            }
            // The last of each: a first try at another address may have been given back.
            if (cds.group(1).equals("archive_space_rs")) archive = range;
            else classSpace = range;
        }
        if (archive != null && pageRange(archive) && archiveMapped(archive, mappings)) {
            ranges.add(archive);
            if (classSpace != null && pageRange(classSpace) && classSpace[0] == archive[1]) ranges.add(classSpace);
        }
        return ranges;
    }

    private static boolean pageRange(long[] range) {
        return range[0] != 0 && range[0] % PAGE == 0 && range[1] % PAGE == 0 && Long.compareUnsigned(range[1], range[0]) > 0;
    }

    /** True if a mapping of a class data archive file (*.jsa) lies inside [start, end). */
    private static boolean archiveMapped(long[] range, String mappings) {
        for (String mapping : mappings.split("\n")) {
            String[] fields = mapping.trim().split("\\s+");
            if (fields.length < 6 || !fields[5].endsWith(".jsa")) continue;
            int dash = fields[0].indexOf('-');
            if (dash < 0) continue;
            try {
                long from = Long.parseUnsignedLong(fields[0].substring(0, dash), 16);
                long to = Long.parseUnsignedLong(fields[0].substring(dash + 1), 16);
                if (Long.compareUnsigned(from, range[0]) >= 0 && Long.compareUnsigned(to, range[1]) <= 0) return true;
            } catch (NumberFormatException e) {
                // Not a mapping line.
            }
        }
        return false;
    }

    /** An address as the JVM logs it, "0x" and hex digits. */
    private static long address(String hex) {
        return Long.parseUnsignedLong(hex.substring(2), 16);
    }

    private static long unit(String suffix) {
        switch (suffix) {
            case "K": return 1024;
            case "M": return MB;
            case "G": return 1024 * MB;
            default: return 1;
        }
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
            start = address(line.group(1));
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
                start = Math.min(start, address(range.group(1)));
                end = Math.max(end, address(range.group(2)));
            }
        }
        if (end == 0 || start % PAGE != 0 || end % PAGE != 0 || end - start < maxHeapBytes) return null;
        return new long[] {start, end};
    }
}
