package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.CALLBACK_BLOCKED_DISCONNECTED;
import static io.valkeyjvm.raw.LoaderContract.CALLBACK_BLOCKED_FREE;
import static io.valkeyjvm.raw.LoaderContract.CALLBACK_BLOCKED_REPLY;
import static io.valkeyjvm.raw.LoaderContract.CALLBACK_BLOCKED_TIMEOUT;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.BLOCK_UNBLOCK_DELETED;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_DENY_BLOCKING;

import io.valkeyjvm.core.BlockedClient;
import io.valkeyjvm.core.KeyReadyHandler;
import io.valkeyjvm.core.KeySignalListener;
import io.valkeyjvm.core.KeyWatchingClient;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.Replies;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The module's blocked clients: blocking a command's client (on a result, on keys, watching keys)
 * and the server's callbacks for them, which arrive on the main thread through {@link LoaderEntry}.
 */
final class BlockedClients {
    private static final Map<Long, NativeBlockedClient> blocked = new ConcurrentHashMap<>();

    /** A client blocked on keys; its id is the private data the server hands back. */
    private record KeyBlocked(KeyReadyHandler onReady, Consumer<Replies> onTimeout) {}

    private static final Map<Long, KeyBlocked> keyBlocked = new ConcurrentHashMap<>();
    /** Clients of blockWatchingKeys, by their private data (they are in {@link #blocked} too, by handle). */
    private static final Map<Long, NativeKeyWatchingClient> keyWatching = new ConcurrentHashMap<>();
    private static final AtomicLong nextKeyBlockId = new AtomicLong();
    private BlockedClients() {}

    /** CommandContext.block. */
    static BlockedClient block(long ctx, long timeoutMillis, Consumer<Replies> onTimeout, @org.jspecify.annotations.Nullable Replies replies) {
        if ((GetContextFlags(ctx) & CTX_FLAGS_DENY_BLOCKING) != 0) {
            // Like the server's blocking commands in MULTI or Lua: no waiting, the timeout reply at once (if a reply is due).
            if (replies != null) onTimeout.accept(replies);
            NativeBlockedClient refused = new NativeBlockedClient(0, onTimeout);
            refused.cancelWithoutHandle();
            return refused;
        }
        long handle = BlockClient(ctx, NativeAccess.callback(CALLBACK_BLOCKED_REPLY), NativeAccess.callback(CALLBACK_BLOCKED_TIMEOUT),
                NativeAccess.callback(CALLBACK_BLOCKED_FREE), Math.max(0, timeoutMillis));
        NativeBlockedClient client = new NativeBlockedClient(handle, onTimeout);
        blocked.put(handle, client);
        SetDisconnectCallback(handle, NativeAccess.callback(CALLBACK_BLOCKED_DISCONNECTED));
        return client;
    }

    /** AuthContext.block: the client is blocked on authentication with {@code handle}. */
    static NativeBlockedAuth blockOnAuth(long handle) {
        NativeBlockedAuth client = NativeBlockedAuth.blocked(handle);
        blocked.put(handle, client);
        SetDisconnectCallback(handle, NativeAccess.callback(CALLBACK_BLOCKED_DISCONNECTED));
        return client;
    }

    /** The blocked client whose private data (its handle) the server hands back, or null. */
    static @org.jspecify.annotations.Nullable NativeBlockedClient byPrivateData(long privdata) {
        return blocked.get(privdata);
    }

    /** CommandContext.blockOnKeys. */
    static void blockOnKeys(long ctx, List<ValkeyString> keys, long timeoutMillis, KeyReadyHandler onReady,
                            Consumer<Replies> onTimeout, boolean wakeOnDelete, Replies replies) {
        if ((GetContextFlags(ctx) & CTX_FLAGS_DENY_BLOCKING) != 0) {
            onTimeout.accept(replies);
            return;
        }
        long id = nextKeyBlockId.incrementAndGet();
        keyBlocked.put(id, new KeyBlocked(onReady, onTimeout));
        byte[][] names = keys.stream().map(ValkeyString::toByteArray).toArray(byte[][]::new);
        if (NativeAccess.blockOnKeys(ctx, names, Math.max(0, timeoutMillis), id, wakeOnDelete ? BLOCK_UNBLOCK_DELETED : 0) == 0) {
            keyBlocked.remove(id);
            throw new IllegalStateException("the server refused to block the client on keys");
        }
    }

    /** CommandContext.blockWatchingKeys. */
    static KeyWatchingClient blockWatchingKeys(long ctx, List<ValkeyString> keys, long timeoutMillis,
                                               Consumer<Replies> onTimeout, boolean wakeOnDelete,
                                               KeySignalListener listener, Replies replies) {
        if ((GetContextFlags(ctx) & CTX_FLAGS_DENY_BLOCKING) != 0) {
            onTimeout.accept(replies);
            NativeKeyWatchingClient refused = new NativeKeyWatchingClient(0, onTimeout, listener, ModuleRuntime.name());
            refused.cancelWithoutHandle();
            return refused;
        }
        long id = nextKeyBlockId.incrementAndGet();
        byte[][] names = keys.stream().map(ValkeyString::toByteArray).toArray(byte[][]::new);
        // No server timeout: the client's own timer, which stops once it has taken what it waits for.
        long handle = NativeAccess.blockOnKeys(ctx, names, 0, id, wakeOnDelete ? BLOCK_UNBLOCK_DELETED : 0);
        if (handle == 0) throw new IllegalStateException("the server refused to block the client on keys");
        NativeKeyWatchingClient client = new NativeKeyWatchingClient(handle, onTimeout, listener, ModuleRuntime.name());
        keyWatching.put(id, client);
        blocked.put(handle, client);
        SetDisconnectCallback(handle, NativeAccess.callback(CALLBACK_BLOCKED_DISCONNECTED));
        client.startTimeout(timeoutMillis);
        return client;
    }

    /** Key-ready callback: 1 if the client was served, 0 to keep it waiting. */
    static int keyReady(long ctx, long argv, int argc) {
        long id = GetBlockedClientPrivateData(ctx);
        KeyBlocked client = keyBlocked.get(id);
        if (client == null) {
            NativeKeyWatchingClient watching = keyWatching.get(id);
            if (watching != null) watching.signalled(ctx, Strings.owning(NativeAccess.stringBytes(GetBlockedClientReadyKey(ctx))));
            return 0;
        }
        boolean served = NativeCommandContext.reply(ctx, ModuleRuntime.name(), argv, argc, null, context ->
                client.onReady().serve(context, context.args(), Strings.owning(NativeAccess.stringBytes(GetBlockedClientReadyKey(ctx)))));
        return served ? 1 : 0;
    }

    /** How many clients are blocked by this module right now. */
    static int blockedCount() {
        return blocked.size();
    }

    /** Reply callback: the client was unblocked by complete(). */
    static void reply(long ctx, long argv, int argc) {
        try {
            NativeBlockedClient client = blocked.get(GetBlockedClientPrivateData(ctx));
            Consumer<? super CommandContext> reply = client == null ? null : client.reply();
            writeReply(ctx, argv, argc, reply != null ? reply : r -> r.replyError("ERR the blocked command ended without a reply"));
        } catch (Throwable t) {
            unreportable(ctx, t);
        }
    }

    /**
     * Timeout callback: the timeout passed, or CLIENT UNBLOCK; for a key-watching client also its
     * completion and its own timeout, since UnblockClient ends those through here.
     */
    static void timeout(long ctx, long argv, int argc) {
        NativeBlockedClient toCancel = null;
        try {
            long privdata = GetBlockedClientPrivateData(ctx);
            KeyBlocked onKeys = keyBlocked.get(privdata);
            if (onKeys != null) {
                writeReply(ctx, argv, argc, onKeys.onTimeout());
                return;
            }
            NativeKeyWatchingClient watching = keyWatching.get(privdata);
            if (watching != null) {
                watching.markReleased(); // the server ends it now, whichever way
                Consumer<? super CommandContext> completed = watching.reply();
                if (completed != null) {
                    writeReply(ctx, argv, argc, completed);
                } else {
                    toCancel = watching;
                    writeReply(ctx, argv, argc, watching.onTimeout());
                }
                return;
            }
            NativeBlockedClient client = blocked.get(GetBlockedClientHandle(ctx));
            if (client == null) {
                writeReply(ctx, argv, argc, Replies::replyNullArray);
                return;
            }
            toCancel = client;
            writeReply(ctx, argv, argc, client.onTimeout());
        } catch (Throwable t) {
            unreportable(ctx, t);
        } finally {
            // After the reply: whatever the cancel does, the client has its one reply.
            if (toCancel != null) cancelAfterReply(toCancel);
        }
    }

    /**
     * A failure before the reply began (writeReply lets nothing out once it has begun one; a full
     * heap, say, while setting it up): the client still gets its one reply, rather than none.
     */
    private static void unreportable(long ctx, Throwable failure) {
        if (failure instanceof OutOfMemoryError) HeapGuard.wake();
        try {
            ReplyWithError(ctx, UNREPORTABLE_REPLY);
        } catch (Throwable ignored) {
            // Nothing more to try here; the loader logs what reaches it.
        }
    }

    private static final String UNREPORTABLE_REPLY = "ERR the blocked command's reply failed, and so did building its error reply (is the JVM heap full?)";

    private static void cancelAfterReply(NativeBlockedClient client) {
        try {
            client.cancel();
        } catch (Throwable failed) {
            // A failure around its cancel actions (a full heap): the handle still goes back to the server, once.
            try {
                client.release();
            } catch (Throwable ignored) {
                // Nothing more to try.
            }
        }
    }

    /** Disconnect callback. */
    static void disconnected(long handle) {
        NativeBlockedClient client = blocked.get(handle);
        if (client == null) return;
        if (client instanceof NativeKeyWatchingClient) client.markReleased(); // the server frees those itself
        client.cancel();
    }

    /** free_privdata: the server is done with the handle. */
    static void free(long privdata) {
        blocked.remove(privdata);
        keyBlocked.remove(privdata);
        NativeKeyWatchingClient watching = keyWatching.remove(privdata);
        if (watching != null) {
            watching.freed();
            blocked.remove(watching.handle());
        }
    }

    private static void writeReply(long ctx, long argv, int argc, Consumer<? super CommandContext> reply) {
        NativeCommandContext.reply(ctx, ModuleRuntime.name(), argv, argc, null, context -> {
            reply.accept(context);
            return true;
        });
    }
}
