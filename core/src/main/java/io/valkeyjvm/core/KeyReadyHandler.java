package io.valkeyjvm.core;

import java.util.List;

/**
 * What a client blocked on keys does when one of them is signalled ready (a write to it, or
 * {@link CommandContext#signalKeyAsReady}): look at the key and reply, or return false to keep
 * waiting. Runs on the main thread.
 */
@FunctionalInterface
public interface KeyReadyHandler {
    /**
     * @param ctx the blocked command's context: replies and keys
     * @param args the blocked command's arguments, the command name first
     * @param readyKey the key that was signalled
     * @return true if it replied (the client is served), false to keep waiting without replying
     */
    boolean serve(CommandContext ctx, List<ValkeyString> args, ValkeyString readyKey) throws Exception;
}
