package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.ACL_ALLOWED;
import static io.valkeyjvm.raw.LoaderContract.ACL_INVALID;
import static io.valkeyjvm.raw.LoaderContract.ACL_UNSUPPORTED;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.AclLogReason;
import io.valkeyjvm.core.AclUser;
import io.valkeyjvm.core.ChannelFlag;
import io.valkeyjvm.core.KeyPermission;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ACL user's ValkeyModuleUser handle, for checks through the context that got it: an ACL user's
 * handle (GetModuleUserFromUserName), freed by close, or a module user's, which stays its owner's.
 */
final class NativeAclUser implements AclUser {
    private final NativeModuleContext context;
    private final ValkeyString name;
    private final boolean owned;
    private long handle;

    private NativeAclUser(NativeModuleContext context, ValkeyString name, long handle, boolean owned) {
        this.context = context;
        this.name = name;
        this.handle = handle;
        this.owned = owned;
    }

    /** The ACL user named {@code name}; a ValkeyException if there is none. */
    static NativeAclUser named(NativeModuleContext context, ValkeyString name) {
        long found = context.withServerString(name, (c, n) -> GetModuleUserFromUserName(n));
        if (found == 0) throw ValkeyException.error("no ACL user '" + name + "'");
        return new NativeAclUser(context, name, found, true);
    }

    /** The module user {@code user}: its handle stays the module user's. */
    static NativeAclUser of(NativeModuleContext context, NativeModuleUser user) {
        long handle = user.handleOrZero();
        if (handle == 0) throw new IllegalStateException("module user '" + user.name() + "' is closed");
        return new NativeAclUser(context, ValkeyString.of(user.name()), handle, false);
    }

    private long live() {
        context.checkLive();
        if (handle == 0) throw new IllegalStateException("the ACL user handle of '" + name + "' is closed");
        return handle;
    }

    @Override
    public ValkeyString name() {
        return name;
    }

    @Override
    public boolean canRunCommand(List<ValkeyString> args) {
        if (args.isEmpty()) throw new IllegalArgumentException("no command: args must start with the command name");
        return NativeAccess.aclCheckCommand(context.live(), live(), bytes(args)) == OK;
    }

    @Override
    public boolean canAccessKey(ValkeyString key, Set<KeyPermission> permissions) {
        long user = live();
        int bits = KeyPermission.bits(permissions);
        return context.withServerString(key, (c, k) -> ACLCheckKeyPermissions(user, k, bits)) == OK;
    }

    @Override
    public boolean canAccessKeyPrefix(ValkeyString prefix, Set<KeyPermission> permissions) {
        byte[] bytes = prefix.toByteArray();
        return ACLCheckKeyPrefixPermissions(live(), bytes, bytes.length, KeyPermission.bits(permissions)) == OK;
    }

    @Override
    public boolean canAccessChannel(ValkeyString channel, Set<ChannelFlag> flags) {
        long user = live();
        int bits = ChannelFlag.bits(flags);
        return context.withServerString(channel, (c, ch) -> ACLCheckChannelPermissions(user, ch, bits)) == OK;
    }

    @Override
    public @Nullable AclLogReason check(int db, List<ValkeyString> args) {
        if (args.isEmpty()) throw new IllegalArgumentException("no command: args must start with the command name");
        int result = NativeAccess.aclCheckPermissions(context.live(), live(), bytes(args), db);
        if (result == ACL_ALLOWED) return null;
        if (result == ACL_UNSUPPORTED)
            throw new UnsupportedOperationException("ValkeyModule_ACLCheckPermissions is not available on this server (Valkey 9.1 has it)");
        if (result == ACL_INVALID)
            throw ValkeyException.error("invalid arguments: no command '" + args.get(0) + "', a wrong number of arguments, or database " + db
                    + " out of range");
        AclLogReason reason = AclLogReason.of(result);
        return reason != null ? reason : AclLogReason.COMMAND;
    }

    @Override
    public void addLogEntry(ValkeyString object, AclLogReason reason) {
        long user = live();
        context.withServerString(object, (c, o) -> {
            // An ACL user by its name (the entry then names it even if the rules changed since); a module user by its handle.
            if (owned) context.withServerString(name, (c2, n) -> ACLAddLogEntryByUserName(c2, n, o, reason.code()));
            else ACLAddLogEntry(c, user, o, reason.code());
            return OK;
        });
    }

    @Override
    public void close() {
        if (handle != 0 && owned) FreeModuleUser(handle); // the handle only: the ACL user stays
        handle = 0;
    }

    private static byte[][] bytes(List<ValkeyString> args) {
        byte[][] bytes = new byte[args.size()][];
        for (int i = 0; i < bytes.length; i++) bytes[i] = args.get(i).toByteArray();
        return bytes;
    }
}
