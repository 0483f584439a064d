package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;
import static io.valkeyjvm.raw.ValkeyModuleConstants.READ;
import static io.valkeyjvm.raw.ValkeyModuleConstants.WRITE;

import io.valkeyjvm.core.CallFlag;
import io.valkeyjvm.core.CommandFilter;
import io.valkeyjvm.core.CommandFilterRegistration;
import io.valkeyjvm.core.ServerEvent;
import io.valkeyjvm.core.ServerEventHandler;
import io.valkeyjvm.core.ServerEventKind;
import io.valkeyjvm.core.ServerEventRegistration;
import io.valkeyjvm.core.ContextFlag;
import io.valkeyjvm.core.Key;
import io.valkeyjvm.core.KeyOpenFlag;
import io.valkeyjvm.core.KeyPermission;
import io.valkeyjvm.core.KeyspaceEventType;
import io.valkeyjvm.core.LogLevel;
import io.valkeyjvm.core.ModuleUser;
import io.valkeyjvm.core.ReplyValue;
import io.valkeyjvm.core.ServerAccess;
import io.valkeyjvm.core.ServerInfo;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongBinaryOperator;
import org.jspecify.annotations.Nullable;

/** Server access over a {@code ValkeyModuleCtx *} that is valid for the current call, on its thread. */
class NativeModuleContext implements ServerAccess {

    private final String moduleName;
    private final Thread owner = Thread.currentThread();
    /** The native context; 0 once the call that owns it has returned. */
    protected long ctx;

    NativeModuleContext(long ctx, String moduleName) {
        this.ctx = ctx;
        this.moduleName = moduleName;
    }

    @Override
    public String moduleName() {
        return moduleName;
    }

    private @Nullable List<NativeKey> openKeys;
    private @Nullable List<Long> openInfos;

    @Override
    public void log(LogLevel level, String message) {
        Log(live(), level.serverName(), message);
    }

    @Override
    public Key openKey(ValkeyString name) {
        return open(name, READ);
    }

    @Override
    public Key openKeyForWrite(ValkeyString name) {
        return open(name, READ | WRITE);
    }

    @Override
    public Key openKey(ValkeyString name, Set<KeyOpenFlag> flags) {
        return open(name, READ | KeyOpenFlag.bits(flags));
    }

    @Override
    public Key openKeyForWrite(ValkeyString name, Set<KeyOpenFlag> flags) {
        return open(name, READ | WRITE | KeyOpenFlag.bits(flags));
    }

    private Key open(ValkeyString name, int mode) {
        NativeKey opened = new NativeKey(this, name, openServerKey(name, mode), mode, (mode & WRITE) != 0);
        if (openKeys == null) openKeys = new ArrayList<>(2);
        openKeys.add(opened);
        return opened;
    }

    @Override
    public boolean keyExists(ValkeyString name) {
        return withServerString(name, (c, keyName) -> KeyExists(c, keyName)) != 0;
    }

    @Override
    public int selectedDb() {
        return GetSelectedDb(live());
    }

    @Override
    public void selectDb(int db) {
        if (SelectDb(live(), db) != OK) throw new IllegalArgumentException("the server has no database " + db);
    }

    @Override
    public long dbSize() {
        return DbSize(live());
    }

    @Override
    public @Nullable ValkeyString randomKey() {
        long c = live();
        long key = RandomKey(c);
        return key == 0 ? null : KeyStrings.take(c, key);
    }

    @Override
    public void updateLoadArguments(List<ValkeyString> args) {
        ModuleArguments.update(live(), args);
    }

    /** The server's key {@code name} opened with {@code mode} (0 for a read-only open of a missing key). */
    long openServerKey(ValkeyString name, int mode) {
        return withServerString(name, (c, keyName) -> OpenKey(c, keyName, mode)); // the key holds its own reference to the name
    }

    @Override
    public ReplyValue call(String command, Object... args) {
        suspendKeys();
        return CallReplies.call(live(), command, args);
    }

    @Override
    public ReplyValue call(Set<CallFlag> flags, String command, Object... args) {
        suspendKeys();
        return CallReplies.call(live(), flags, command, args);
    }

    @Override
    public java.util.concurrent.CompletableFuture<ReplyValue> callBlocking(Set<CallFlag> flags, String command, Object... args) {
        suspendKeys();
        return CallReplies.callBlocking(live(), flags, command, args);
    }

    @Override
    public ReplyValue callAs(ModuleUser user, Set<CallFlag> flags, String command, Object... args) {
        if (!(user instanceof NativeModuleUser nativeUser))
            throw new IllegalArgumentException("callAs takes a user made by ModuleUser.create, not " + user.getClass().getName());
        long handle = nativeUser.handleOrZero();
        if (handle == 0) throw new IllegalStateException("module user '" + user.name() + "' is closed; callAs needs an open one");
        java.util.EnumSet<CallFlag> asUser = java.util.EnumSet.of(CallFlag.AS_USER);
        asUser.addAll(flags);
        suspendKeys();
        long c = live();
        SetContextUser(c, handle);
        try {
            return CallReplies.call(c, asUser, command, args);
        } finally {
            SetContextUser(c, 0);
        }
    }

    /** Closes this call's open keys at the server before a command runs; each opens again when next used. */
    private void suspendKeys() {
        if (openKeys != null) openKeys.forEach(NativeKey::suspend);
    }

    /**
     * Ends the sorted set and stream ranges of this call's open keys: a command run with call, or
     * a write through another key, may change or free the values they point into.
     */
    void endKeyRanges() {
        if (openKeys != null) openKeys.forEach(NativeKey::endRange);
    }

    @Override
    public void replicate(String command, Object... args) {
        CallReplies.replicate(live(), command, args);
    }

    @Override
    public Set<ContextFlag> contextFlags() {
        return ContextFlag.of(GetContextFlags(live()));
    }

    @Override
    public Set<KeyspaceEventType> notifyKeyspaceEvents() {
        live();
        return KeyspaceEventType.of(GetNotifyKeyspaceEvents());
    }

    @Override
    public void signalModifiedKey(ValkeyString key) {
        withServerString(key, (c, keyName) -> SignalModifiedKey(c, keyName));
    }

    @Override
    public void notifyKeyspaceEvent(KeyspaceEventType type, String event, ValkeyString key) {
        if (withServerString(key, (c, keyName) -> NotifyKeyspaceEvent(c, type.bit(), event, keyName)) != OK)
            throw new IllegalStateException("the server refused the keyspace event '" + event + "'");
    }

    @Override
    public long publish(ValkeyString channel, ValkeyString message) {
        return withServerString(channel, (c, ch) -> withServerString(message, (c2, msg) -> PublishMessage(c2, ch, msg)));
    }

    @Override
    public long publishToShard(ValkeyString channel, ValkeyString message) {
        return withServerString(channel, (c, ch) -> withServerString(message, (c2, msg) -> PublishMessageShard(c2, ch, msg)));
    }

    @Override
    public void signalKeyAsReady(ValkeyString key) {
        withServerString(key, (c, keyName) -> {
            SignalKeyAsReady(c, keyName);
            return OK;
        });
    }

    /**
     * Runs {@code call} (given this context and a server copy of {@code value}) and returns what
     * it returns; the copy is freed afterwards, whatever happens.
     */
    final long withServerString(ValkeyString value, LongBinaryOperator call) {
        long c = live();
        byte[] bytes = value.toByteArray();
        long string = CreateString(c, bytes, bytes.length);
        try {
            return call.applyAsLong(c, string);
        } finally {
            FreeString(c, string);
        }
    }

    @Override
    public boolean aclUserCanAccessKey(ValkeyString user, ValkeyString key, Set<KeyPermission> permissions) {
        int bits = KeyPermission.bits(permissions);
        long found = withServerString(user, (c, name) -> GetModuleUserFromUserName(name));
        if (found == 0) throw ValkeyException.error("no ACL user '" + user + "'");
        try {
            return withServerString(key, (c, keyName) -> ACLCheckKeyPermissions(found, keyName, bits)) == OK;
        } finally {
            FreeModuleUser(found); // frees the handle only; the ACL user stays
        }
    }

    @Override
    public io.valkeyjvm.core.AclUser aclUser(ValkeyString name) {
        return NativeAclUser.named(this, name);
    }

    @Override
    public io.valkeyjvm.core.AclUser aclUser(io.valkeyjvm.core.ModuleUser user) {
        if (!(user instanceof NativeModuleUser native_)) throw new IllegalArgumentException("not a module user of this server: " + user);
        return NativeAclUser.of(this, native_);
    }

    @Override
    public boolean deauthenticateAndCloseClient(long clientId) {
        return DeauthenticateAndCloseClient(live(), clientId) == OK;
    }

    @Override
    public io.valkeyjvm.core.@Nullable ClientInfo clientInfo(long clientId) {
        live();
        long info = Calloc(1, CLIENT_INFO_SIZE);
        try {
            io.valkeyjvm.raw.NativeAccess.storeAddress(info, 1); // the struct's version field
            if (GetClientInfoById(info, clientId) != OK) return null;
            return ServerEventData.clientInfo(info);
        } finally {
            Free(info);
        }
    }

    /** sizeof(ValkeyModuleClientInfoV1): version, flags, id, addr[46], port, db, padded to 8. */
    private static final int CLIENT_INFO_SIZE = 80;

    @Override
    public @Nullable ValkeyString clientName(long clientId) {
        return ownedString(GetClientNameById(live(), clientId));
    }

    @Override
    public boolean setClientName(long clientId, ValkeyString name) {
        for (byte b : name.toByteArray())
            if (b < '!' || b > '~')
                throw new IllegalArgumentException("Invalid argument: a client name cannot contain spaces, newlines or special characters, as CLIENT SETNAME says");
        return withServerString(name, (c, serverName) -> SetClientNameById(clientId, serverName)) == OK;
    }

    @Override
    public @Nullable ValkeyString clientUserName(long clientId) {
        return ownedString(GetClientUserNameById(live(), clientId));
    }

    @Override
    public @Nullable ValkeyString clientCertificate(long clientId) {
        return ownedString(GetClientCertificate(live(), clientId));
    }

    /** A copy of the server string {@code string}, which is freed; null for NULL. */
    private @Nullable ValkeyString ownedString(long string) {
        if (string == 0) return null;
        try {
            return Strings.owning(io.valkeyjvm.raw.NativeAccess.stringBytes(string));
        } finally {
            FreeString(live(), string);
        }
    }

    void checkLive() {
        live();
    }

    /** The native context, or an IllegalStateException once the call has returned. */
    protected final long live() {
        // The module API is not thread-safe: a context works only on the thread of its call.
        if (Thread.currentThread() != owner)
            throw new IllegalStateException("this context belongs to the server's main thread, not " + Thread.currentThread().getName()
                    + "; reply from a suspending block by returning the result, or use the main dispatcher");
        long c = ctx;
        if (c == 0) throw new IllegalStateException("this context is no longer valid: the call that received it has returned");
        return c;
    }

    @Override
    public CommandFilterRegistration registerCommandFilter(CommandFilter filter, boolean noSelf) {
        return FilterHost.register(live(), filter, noSelf);
    }

    @Override
    public <E extends ServerEvent> ServerEventRegistration subscribe(ServerEventKind<E> kind, ServerEventHandler<? super E> handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        return EventHost.subscribe(live(), kind, handler);
    }

    @Override
    public ServerInfo serverInfo(String section) {
        long c = live();
        long data = GetServerInfo(c, section);
        if (data == 0) throw new IllegalStateException("the server has no INFO for '" + section + "'");
        if (openInfos == null) openInfos = new ArrayList<>(1);
        openInfos.add(data);
        return new NativeServerInfo(this, data);
    }

    /** Ends the call: open keys and INFO data are released, the context becomes unusable. */
    void invalidate() {
        if (openKeys != null) openKeys.forEach(NativeKey::close);
        if (openInfos != null) for (long data : openInfos) FreeServerInfo(ctx, data);
        openKeys = null;
        openInfos = null;
        ctx = 0;
    }
}
