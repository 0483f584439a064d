package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.raw.ForeignLinker;
import io.valkeyjvm.raw.NativeAccess;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * The INFO section of a JVM module. The JVM heap is outside the server's used_memory and
 * maxmemory, so this is where an operator sees it.
 */
final class JvmInfo {
    private JvmInfo() {}

    static void addSection(long infoCtx, int moduleValues) {
        InfoAddSection(infoCtx, "jvm");
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        InfoAddFieldLongLong(infoCtx, "heap_used", heap.getUsed());
        InfoAddFieldLongLong(infoCtx, "heap_committed", heap.getCommitted());
        InfoAddFieldLongLong(infoCtx, "heap_max", heap.getMax());
        InfoAddFieldLongLong(infoCtx, "nonheap_used", nonHeap.getUsed());
        InfoAddFieldLongLong(infoCtx, "nonheap_committed", nonHeap.getCommitted());
        long collections = 0, collectionMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = fieldName(gc.getName());
            InfoAddFieldLongLong(infoCtx, "gc_" + name + "_count", Math.max(0, gc.getCollectionCount()));
            InfoAddFieldLongLong(infoCtx, "gc_" + name + "_time_ms", Math.max(0, gc.getCollectionTime()));
            collections += Math.max(0, gc.getCollectionCount());
            collectionMillis += Math.max(0, gc.getCollectionTime());
        }
        InfoAddFieldLongLong(infoCtx, "gc_count", collections);
        InfoAddFieldLongLong(infoCtx, "gc_time_ms", collectionMillis);
        InfoAddFieldLongLong(infoCtx, "threads", ManagementFactory.getThreadMXBean().getThreadCount());
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads && threads.isThreadAllocatedMemorySupported())
            InfoAddFieldLongLong(infoCtx, "main_thread_allocated_bytes", threads.getCurrentThreadAllocatedBytes());
        InfoAddFieldLongLong(infoCtx, "heap_excluded_from_forks", ForkExclusion.installed() ? 1 : 0);
        InfoAddFieldLongLong(infoCtx, "jvm_ranges_excluded_from_forks", ForkExclusion.rangesExcluded());
        InfoAddFieldLongLong(infoCtx, "foreign_command_entry", ForeignCommandEntry.installed() ? 1 : 0);
        InfoAddFieldLongLong(infoCtx, "foreign_downcalls", ForeignLinker.available() ? 1 : 0);
        InfoAddFieldLongLong(infoCtx, "module_values", moduleValues);
        InfoAddFieldLongLong(infoCtx, "module_values_to_record", NativeAccess.dirtyCount());
        InfoAddFieldLongLong(infoCtx, "module_tape_bytes", NativeAccess.tapeBytes());
        InfoAddFieldLongLong(infoCtx, "aof_forms_recorded", AofForms.wanted() ? 1 : 0);
        InfoAddFieldLongLong(infoCtx, "heap_used_after_gc", HeapGuard.usedAfterLastGc());
        InfoAddFieldLongLong(infoCtx, "heap_guard_threshold_percent", HeapGuard.percent());
        InfoAddFieldLongLong(infoCtx, "heap_guard_active", HeapGuard.active() ? 1 : 0);
        InfoAddFieldLongLong(infoCtx, "heap_guard_refused_commands", HeapGuard.refusedCommands());
    }

    /** "G1 Young Generation" becomes "g1_young_generation": INFO field names are lower case, no spaces. */
    private static String fieldName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
