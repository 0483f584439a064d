package io.valkeyjvm.core;

import java.util.function.Consumer;

/**
 * A client blocked by {@link CommandContext#block}: the server goes on serving others while the
 * module works, on any thread, and the reply is written later, on the main thread.
 *
 * <p>Exactly one of these ends it: {@link #complete} (or {@link #fail}), the timeout, the client
 * disconnecting, or {@code CLIENT UNBLOCK}. The last three run the {@link #onCancel} actions;
 * after them, {@code complete} and {@code fail} do nothing. The server's handle is always
 * released, whichever way it ends.
 *
 * <pre>{@code
 * BlockedClient blocked = ctx.block(5_000, r -> r.replyNull());
 * executor.submit(() -> blocked.complete(r -> r.reply(slowComputation())));
 * }</pre>
 */
public interface BlockedClient {
    /**
     * Unblocks the client with the reply {@code reply} writes; false if it had already ended. Any
     * thread. {@code reply} runs on the main thread as the unblocked command, so it can do what a
     * command can before it replies: authenticate its client, call, open keys.
     */
    boolean complete(Consumer<? super CommandContext> reply);

    /** Unblocks the client with the error reply for {@code failure}; false if it had already ended. Any thread. */
    boolean fail(Throwable failure);

    /** Runs {@code action} on the main thread if the client times out, disconnects or is unblocked; at once if it already was. */
    void onCancel(Runnable action);

    /** True once the client timed out, disconnected or was unblocked by CLIENT UNBLOCK. */
    boolean isCancelled();
}
