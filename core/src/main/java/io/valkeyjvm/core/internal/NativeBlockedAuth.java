package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.AuthResult;
import io.valkeyjvm.core.BlockedAuth;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.Replies;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client blocked on authentication: a blocked client whose completion carries an
 * {@link AuthResult}, applied by the server's auth reply callback ({@link AuthHost#authReply}).
 * The time until the decision counts in the command's statistics.
 */
final class NativeBlockedAuth extends NativeBlockedClient implements BlockedAuth {
    /** The completion of a blocked authentication: its decision (never run as a reply). */
    private record Decision(AuthResult result) implements Consumer<Replies> {
        @Override
        public void accept(Replies replies) {
            throw new IllegalStateException("a blocked authentication's decision is not a reply");
        }
    }

    private final boolean refused;

    private NativeBlockedAuth(long handle, boolean refused) {
        super(handle, r -> {});
        this.refused = refused;
    }

    /** Blocked on authentication with {@code handle}: the background time is measured from now. */
    static NativeBlockedAuth blocked(long handle) {
        BlockedClientMeasureTimeStart(handle);
        return new NativeBlockedAuth(handle, false);
    }

    /** A client that could not block (MULTI): already cancelled, no handle. */
    static NativeBlockedAuth refusedBlock() {
        NativeBlockedAuth refused = new NativeBlockedAuth(0, true);
        refused.cancelWithoutHandle();
        return refused;
    }

    /** True for a client that could not block at all. */
    boolean refused() {
        return refused;
    }

    @Override
    public boolean complete(AuthResult result) {
        Objects.requireNonNull(result, "result");
        if (result.kind() == AuthResult.Kind.BLOCKED)
            throw new IllegalArgumentException("a blocked authentication completes with a decision, not blocked()");
        return complete(new Decision(result));
    }

    @Override
    public boolean fail(Throwable failure) {
        if (!waiting()) return false;
        return complete(AuthResult.deny(AuthHost.failureLine("a blocked authentication", failure)));
    }

    /** The decision, once completed; null otherwise. */
    @Nullable AuthResult decision() {
        Consumer<? super CommandContext> reply = reply();
        return reply instanceof Decision ? ((Decision) reply).result() : null;
    }

    @Override
    void release() {
        // Only the one path that ends the client gets here, before the handle goes back.
        if (!released()) BlockedClientMeasureTimeEnd(handle());
        super.release();
    }
}
