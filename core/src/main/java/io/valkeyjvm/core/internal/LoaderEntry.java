package io.valkeyjvm.core.internal;

import io.valkeyjvm.raw.LoaderUpcalls;
import org.jspecify.annotations.Nullable;

/**
 * The loader's one way into the module: it creates this class (LoaderContract.CLASS_UPCALLS) in
 * the module's class loader and calls it through JNI. Each upcall hands over to the part of the
 * core that owns its concept.
 */
final class LoaderEntry implements LoaderUpcalls {
    LoaderEntry() {}

    @Override
    public @Nullable String onLoad(long ctx, long argv, int argc, int firstModuleArg, String loaderPath, String jarPath) {
        return ModuleHost.onLoad(ctx, argv, argc, firstModuleArg, loaderPath, jarPath);
    }

    @Override
    public String moduleName() {
        return ModuleHost.moduleName();
    }

    @Override
    public @Nullable String onUnload(long ctx) {
        return ModuleHost.onUnload(ctx);
    }

    @Override
    public void serverEvent(long ctx, long id, long subevent, long data) {
        EventHost.serverEvent(ctx, id, subevent, data);
    }

    @Override
    public void keyspaceEvent(long ctx, int subscription, int type, long event, long key) {
        EventHost.keyspaceEvent(ctx, subscription, type, event, key);
    }

    @Override
    public void postNotificationJob(long ctx, long id) {
        EventHost.runJob(ctx, id);
    }

    @Override
    public void postNotificationFree(long id) {
        EventHost.freeJob(id);
    }

    @Override
    public void info(long infoCtx) {
        ModuleHost.info(infoCtx);
    }

    @Override
    public int dispatchCommand(int index, long ctx, long argv, int argc) {
        return ModuleHost.dispatchCommand(index, ctx, argv, argc);
    }

    @Override
    public void blockedReply(long ctx, long argv, int argc) {
        BlockedClients.reply(ctx, argv, argc);
    }

    @Override
    public void blockedTimeout(long ctx, long argv, int argc) {
        BlockedClients.timeout(ctx, argv, argc);
    }

    @Override
    public void blockedFree(long privdata) {
        BlockedClients.free(privdata);
    }

    @Override
    public void blockedDisconnected(long handle) {
        BlockedClients.disconnected(handle);
    }

    @Override
    public int keyReady(long ctx, long argv, int argc) {
        return BlockedClients.keyReady(ctx, argv, argc);
    }

    @Override
    public void runMainThreadTasks() {
        MainThreadQueue.runTasks();
    }

    @Override
    public void timerFired(long ctx, long key) {
        TimerHost.fired(ctx, key);
    }

    @Override
    public void callUnblocked(long ctx, long reply, long key) {
        CallReplies.unblocked(reply, key);
    }

    @Override
    public void commandFilter(long fctx, int index) {
        FilterHost.filter(fctx, index);
    }

    @Override
    public int authenticate(int index, long ctx, long username, long password, long err) {
        return AuthHost.authenticate(index, ctx, username, password, err);
    }

    @Override
    public int authReply(long ctx, long username, long password, long err) {
        return AuthHost.authReply(ctx, username, password, err);
    }

    @Override
    public void userChanged(long clientId, long listener) {
        AuthHost.userChanged(clientId, listener);
    }

    @Override
    public long configGetNumber(long name) {
        return ConfigHost.getNumber(name);
    }

    @Override
    public byte[] configGetString(long name) {
        return ConfigHost.getString(name);
    }

    @Override
    public @Nullable String configSetNumber(long name, long value) {
        return ConfigHost.setNumber(name, value);
    }

    @Override
    public @Nullable String configSetString(long name, long value) {
        return ConfigHost.setString(name, value);
    }

    @Override
    public @Nullable String configApply(long ctx, int group) {
        return ConfigHost.apply(ctx, group);
    }

    @Override
    public long load(int typeIndex, long io, int encver, long nativeValue) {
        return DataTypeHost.load(typeIndex, io, encver, nativeValue);
    }

    @Override
    public boolean record(long handle, long sink) {
        return DataTypeHost.record(handle, sink);
    }

    @Override
    public boolean auxRecord(int typeIndex, int when, long sink) {
        return DataTypeHost.auxRecord(typeIndex, when, sink);
    }

    @Override
    public int auxLoad(int typeIndex, long io, int encver, int when) {
        return DataTypeHost.auxLoad(typeIndex, io, encver, when);
    }

    @Override
    public void digest(long handle, long md) {
        DataTypeHost.digest(handle, md);
    }

    @Override
    public long memoryUsage(long handle) {
        return DataTypeHost.memoryUsage(handle);
    }

    @Override
    public long freeEffort(long handle) {
        return DataTypeHost.freeEffort(handle);
    }

    @Override
    public void unlink(long handle) {
        DataTypeHost.unlink(handle);
    }

    @Override
    public long copy(long handle, long nativeValue) {
        return DataTypeHost.copy(handle, nativeValue);
    }

    @Override
    public void freeValue(long handle) {
        DataTypeHost.free(handle);
    }
}
