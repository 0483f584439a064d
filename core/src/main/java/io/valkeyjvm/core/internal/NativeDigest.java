package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.Digest;
import io.valkeyjvm.core.ValkeyString;

/** Feeds the server's digest; valid only during the digest call. */
final class NativeDigest implements Digest {
    private long md;
    private boolean pending;

    NativeDigest(long md) {
        this.md = md;
    }

    private long live() {
        if (md == 0) throw new IllegalStateException("a Digest can be fed only during the digest call that received it");
        return md;
    }

    @Override
    public void add(ValkeyString element) {
        add(element.toByteArray());
    }

    @Override
    public void add(byte[] element) {
        DigestAddStringBuffer(live(), element, element.length);
        pending = true;
    }

    @Override
    public void add(long element) {
        DigestAddLongLong(live(), element);
        pending = true;
    }

    @Override
    public void endSequence() {
        DigestEndSequence(live());
        pending = false;
    }

    /** Ends an open sequence: elements added without endSequence would otherwise not count at all. */
    void finish() {
        if (pending) endSequence();
    }

    void invalidate() {
        md = 0;
    }
}
