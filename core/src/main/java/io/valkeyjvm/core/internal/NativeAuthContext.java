package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.CALLBACK_AUTH_REPLY;
import static io.valkeyjvm.raw.LoaderContract.CALLBACK_BLOCKED_FREE;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_DENY_BLOCKING;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_LUA;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CTX_FLAGS_MULTI;

import io.valkeyjvm.core.AuthContext;
import io.valkeyjvm.core.BlockedAuth;
import io.valkeyjvm.raw.NativeAccess;
import org.jspecify.annotations.Nullable;

/** The {@link AuthContext} of one auth callback call, over the server's context for it. */
final class NativeAuthContext extends NativeModuleContext implements AuthContext {
    private @Nullable NativeBlockedAuth blocked;

    NativeAuthContext(long ctx, String moduleName) {
        super(ctx, moduleName);
    }

    /** What block() returned, if the callback called it. */
    @Nullable NativeBlockedAuth blocked() {
        return blocked;
    }

    @Override
    public long clientId() {
        return GetClientId(live());
    }

    @Override
    public boolean canBlock() {
        return (GetContextFlags(live()) & (CTX_FLAGS_DENY_BLOCKING | CTX_FLAGS_MULTI | CTX_FLAGS_LUA)) == 0;
    }

    @Override
    public BlockedAuth block() {
        long c = live();
        if (blocked != null) throw new IllegalStateException("the auth callback has blocked its client already; it blocks once");
        if (!canBlock()) {
            // Like a module command that blocks in MULTI: nothing blocks, and the attempt is denied with the server's error.
            blocked = NativeBlockedAuth.refusedBlock();
            return blocked;
        }
        long handle = BlockClientOnAuth(c, NativeAccess.callback(CALLBACK_AUTH_REPLY), NativeAccess.callback(CALLBACK_BLOCKED_FREE));
        if (handle == 0) throw new IllegalStateException("the server refused to block the client on authentication");
        blocked = BlockedClients.blockOnAuth(handle);
        return blocked;
    }
}
