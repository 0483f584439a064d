package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Server memory that Java objects own across calls (scan cursors, dictionaries, their
 * iterators): freed when the owner is closed, else once the owner is garbage (noticed when the
 * next such thing is made, with no thread of its own), and at the latest when the module unloads.
 */
@InternalValkeyJvmApi
public final class NativeResources {
    private static final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private static final Set<Handle> live = new HashSet<>();

    private NativeResources() {}

    /** A pointer to server memory and how to free it; {@link #release()} frees it once. */
    public static final class Handle {
        private long pointer;
        private final LongConsumer free;
        private final Ref ref;

        private Handle(Object owner, long pointer, LongConsumer free) {
            this.pointer = pointer;
            this.free = free;
            this.ref = new Ref(owner, this);
        }

        /** The pointer, or 0 once released. */
        public synchronized long pointer() {
            return pointer;
        }

        /** Frees the memory now (nothing if it already is). */
        public void release() {
            long p;
            synchronized (this) {
                p = pointer;
                pointer = 0;
            }
            synchronized (NativeResources.class) {
                live.remove(this);
            }
            ref.clear();
            if (p != 0) free.accept(p);
        }
    }

    private static final class Ref extends PhantomReference<Object> {
        final Handle handle;

        Ref(Object owner, Handle handle) {
            super(owner, collected);
            this.handle = handle;
        }
    }

    /** Tracks {@code pointer}, owned by {@code owner}, freed by {@code free}. */
    public static Handle track(Object owner, long pointer, LongConsumer free) {
        releaseCollected();
        Handle handle = new Handle(owner, pointer, free);
        synchronized (NativeResources.class) {
            live.add(handle);
        }
        return handle;
    }

    /** Frees what belonged to owners that are gone. */
    static void releaseCollected() {
        Reference<?> ref;
        while ((ref = collected.poll()) != null) ((Ref) ref).handle.release();
    }

    /** MODULE UNLOAD (or a failed load): frees everything still tracked. */
    static void releaseAll() {
        Handle[] all;
        synchronized (NativeResources.class) {
            all = live.toArray(new Handle[0]);
        }
        for (Handle handle : all) handle.release();
        releaseCollected();
    }
}
