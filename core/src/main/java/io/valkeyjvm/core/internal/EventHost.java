package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.*;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.BlockedClient;
import io.valkeyjvm.core.KeyspaceEventContext;
import io.valkeyjvm.core.Replies;
import io.valkeyjvm.core.KeyspaceEventHandler;
import io.valkeyjvm.core.KeyspaceEventType;
import io.valkeyjvm.core.ModuleDefinition;
import io.valkeyjvm.core.ServerAccess;
import io.valkeyjvm.core.ServerEvent;
import io.valkeyjvm.core.ServerEventHandler;
import io.valkeyjvm.core.ServerEventKind;
import io.valkeyjvm.core.ServerEventRegistration;
import io.valkeyjvm.core.ServerVersion;
import io.valkeyjvm.core.MainThread;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The module's server event and keyspace notification subscriptions, and its post-notification
 * jobs, dispatched here (through {@link LoaderEntry}) to the handlers the module declared: one
 * loader callback for server events, one per keyspace handler (each its own subscriber to the
 * server), one for jobs. The SDK itself always listens to Shutdown, and to config changes while
 * {@link AofForms} follows them.
 */
final class EventHost {
    /** Handlers by event id, copied on every change (main thread only) and read by the dispatch. */
    private static volatile Map<Long, List<Subscription>> serverHandlers = Map.of();
    /** The event ids the server sends this module now. */
    private static final Set<Long> subscribedIds = new HashSet<>();
    /** The ids the SDK itself listens to, which stay subscribed when no handler of the module wants them. */
    private static final Set<Long> internalIds = new HashSet<>();
    private static volatile List<ModuleDefinition.KeyspaceSubscription> keyspaceHandlers = List.of();
    private static final Map<Long, Consumer<ServerAccess>> jobs = new ConcurrentHashMap<>();
    private static final AtomicLong nextJob = new AtomicLong();

    private EventHost() {}

    @SuppressWarnings("unchecked")
    static void register(long ctx, ModuleDefinition definition) throws LoadFailure {
        subscribeInternally(ctx, ServerEventKind.SHUTDOWN);
        for (ModuleDefinition.ServerEventSubscription<?> subscription : definition.serverEventHandlers()) {
            try {
                subscribe(ctx, subscription.kind(), (ServerEventHandler<ServerEvent>) subscription.handler());
            } catch (IllegalStateException e) {
                throw new LoadFailure("module '" + definition.name() + "' subscribes to " + subscription.kind() + ", which this server does not have"
                        + " (it needs Valkey " + subscription.kind().since() + " or later); run a newer server or drop the subscription");
            }
        }
        List<ModuleDefinition.KeyspaceSubscription> subscriptions = definition.keyspaceEventHandlers();
        if (subscriptions.size() > KEYSPACE_CALLBACKS)
            throw new LoadFailure("module '" + definition.name() + "' declares " + subscriptions.size()
                    + " keyspace notification handlers; a JVM module can have at most " + KEYSPACE_CALLBACKS + " (one handler can take several classes)");
        keyspaceHandlers = List.copyOf(subscriptions);
        int supported = subscriptions.isEmpty() ? 0 : GetKeyspaceNotificationFlagsAll();
        // One subscriber per handler, as a C module's: the server keeps each from being notified of what it causes itself.
        for (int i = 0; i < subscriptions.size(); i++) {
            int types = 0;
            for (KeyspaceEventType type : subscriptions.get(i).types()) {
                if ((supported & type.bit()) == 0)
                    throw new LoadFailure("module '" + definition.name() + "' subscribes to keyspace notifications of class " + type
                            + ", which this server does not have; run a newer server or drop the subscription");
                types |= type.bit();
            }
            if (SubscribeToKeyspaceEvents(ctx, types, NativeAccess.keyspaceCallback(i)) != OK)
                throw new LoadFailure("module '" + definition.name() + "': the server refused its keyspace event subscription");
        }
    }

    /**
     * Adds {@code handler} (null: only make the server send the event) for every id of
     * {@code kind}, subscribing the module to ids the server does not send it yet; all or nothing.
     */
    @SuppressWarnings("unchecked")
    static <E extends ServerEvent> ServerEventRegistration subscribe(long ctx, ServerEventKind<E> kind, @Nullable ServerEventHandler<? super E> handler) {
        MainThread.check("subscribing to a server event");
        List<Long> added = new ArrayList<>();
        for (long id : kind.ids()) {
            if (subscribedIds.contains(id)) continue;
            if (SubscribeToServerEvent(ctx, id, EVENT_VERSION_1, NativeAccess.callback(CALLBACK_SERVER_EVENT)) != OK) {
                for (long undo : added) SubscribeToServerEvent(ctx, undo, EVENT_VERSION_1, 0);
                subscribedIds.removeAll(added);
                throw new IllegalStateException("this server does not have " + kind + " (it needs Valkey " + kind.since() + " or later)");
            }
            subscribedIds.add(id);
            added.add(id);
        }
        Subscription subscription = new Subscription(kind, (ServerEventHandler<ServerEvent>) handler);
        if (handler != null) {
            Map<Long, List<Subscription>> handlers = new HashMap<>(serverHandlers);
            for (long id : kind.ids()) {
                List<Subscription> list = new ArrayList<>(handlers.getOrDefault(id, List.of()));
                list.add(subscription);
                handlers.put(id, List.copyOf(list));
            }
            serverHandlers = Map.copyOf(handlers);
        }
        return subscription;
    }

    /** Makes the server send {@code kind} for the SDK's own use, whatever the module's handlers. */
    static void subscribeInternally(long ctx, ServerEventKind<?> kind) {
        subscribe(ctx, kind, null);
        for (long id : kind.ids()) internalIds.add(id);
    }

    static void unregister() {
        serverHandlers = Map.of();
        subscribedIds.clear();
        internalIds.clear();
        keyspaceHandlers = List.of();
        jobs.clear();
    }

    static void serverEvent(long ctx, long id, long subevent, long data) {
        List<Subscription> handlers = serverHandlers.getOrDefault(id, List.of());
        if (!handlers.isEmpty()) {
            NativeEventContext context = new NativeEventContext(ctx, ModuleRuntime.name());
            try {
                ModuleRuntime.runLogged("a handler of server event " + id, () -> {
                    ServerEvent event = ServerEventData.decode(id, subevent, data);
                    for (Subscription subscription : handlers)
                        ModuleRuntime.runLogged("a handler of server event " + id, () -> subscription.handler.handle(context, event));
                });
            } finally {
                context.invalidate();
            }
        }
        if (id == EVENT_CONFIG) ModuleRuntime.runLogged("following the AOF configs", () -> AofForms.configChanged(ctx));
        if (id == EVENT_SHUTDOWN) ShutdownHooks.run();
    }

    static void keyspaceEvent(long ctx, int subscription, int typeBit, long eventName, long key) {
        List<ModuleDefinition.KeyspaceSubscription> subscriptions = keyspaceHandlers;
        KeyspaceEventType type = KeyspaceEventType.ofBit(typeBit);
        if (type == null || subscription < 0 || subscription >= subscriptions.size()) return;
        KeyspaceEventHandler handler = subscriptions.get(subscription).handler();
        String event = new String(NativeAccess.cStringBytes(eventName), java.nio.charset.StandardCharsets.UTF_8);
        ValkeyString keyName = Strings.owning(NativeAccess.stringBytes(key));
        NativeEventContext context = new NativeEventContext(ctx, ModuleRuntime.name());
        try {
            ModuleRuntime.runLogged("a keyspace event handler", () -> handler.handle(context, type, event, keyName));
        } finally {
            context.invalidate();
        }
    }

    static void runJob(long ctx, long id) {
        Consumer<ServerAccess> job = jobs.remove(id);
        if (job == null) return;
        NativeModuleContext context = new NativeModuleContext(ctx, ModuleRuntime.name());
        try {
            ModuleRuntime.runLogged("a post-notification job", () -> job.accept(context));
        } finally {
            context.invalidate();
        }
    }

    static void freeJob(long id) {
        jobs.remove(id);
    }

    /** One handler of one kind; the server stops sending an id once no handler wants it. */
    private static final class Subscription implements ServerEventRegistration {
        private final ServerEventKind<?> kind;
        private final ServerEventHandler<ServerEvent> handler;

        Subscription(ServerEventKind<?> kind, ServerEventHandler<ServerEvent> handler) {
            this.kind = kind;
            this.handler = handler;
        }

        @Override
        public boolean unsubscribe() {
            MainThread.check("ServerEventRegistration.unsubscribe");
            Map<Long, List<Subscription>> handlers = new HashMap<>(serverHandlers);
            boolean removed = false;
            for (long id : kind.ids()) {
                List<Subscription> list = new ArrayList<>(handlers.getOrDefault(id, List.of()));
                removed |= list.remove(this);
                if (!list.isEmpty()) {
                    handlers.put(id, List.copyOf(list));
                    continue;
                }
                handlers.remove(id);
                if (!internalIds.contains(id) && subscribedIds.remove(id))
                    SubscribeToServerEvent(ServerHost.context(), id, EVENT_VERSION_1, 0);
            }
            serverHandlers = Map.copyOf(handlers);
            return removed;
        }
    }

    /** The context of a server event or keyspace notification handler. */
    private static final class NativeEventContext extends NativeModuleContext implements KeyspaceEventContext {
        NativeEventContext(long ctx, String moduleName) {
            super(ctx, moduleName);
        }

        @Override
        public BlockedClient blockClient(long timeoutMillis, Consumer<Replies> onTimeout) {
            long c = live();
            // Valkey 8.0 blocks a stand-in client there and crashes when it unblocks (as with the C API); 9.1 blocks the real one.
            if (!ServerVersion.ofEncoded(GetServerVersion()).atLeast(9, 1))
                throw new IllegalStateException("blocking a client from a keyspace notification needs Valkey 9.1 or later (8.0 crashes on it)");
            if (GetClientId(c) == 0) throw new IllegalStateException("no client caused this notification, so none can be blocked");
            // Its command has replied or will: where blocking is denied, the timeout reply would be a second one.
            return BlockedClients.block(c, timeoutMillis, onTimeout, null);
        }

        @Override
        public boolean afterNotifications(Consumer<ServerAccess> job) {
            long c = live();
            long id = nextJob.incrementAndGet();
            jobs.put(id, job);
            // Refused while loading and on a read-only replica; the server then keeps nothing of it.
            if (AddPostNotificationJob(c, NativeAccess.callback(CALLBACK_POST_NOTIFICATION_JOB), id,
                    NativeAccess.callback(CALLBACK_POST_NOTIFICATION_FREE)) != OK) {
                jobs.remove(id);
                return false;
            }
            return true;
        }
    }
}
