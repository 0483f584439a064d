package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;

import io.valkeyjvm.core.ChannelFlag;
import io.valkeyjvm.core.ChannelPositions;
import io.valkeyjvm.core.CommandMetadata;
import io.valkeyjvm.core.GetChannelsHandler;
import io.valkeyjvm.core.GetKeysHandler;
import io.valkeyjvm.core.KeyPositions;
import io.valkeyjvm.core.KeySpecFlag;
import java.util.Set;

/**
 * The server asks a getkeys-api or getchannels-api command for its keys or channels instead of
 * running it (COMMAND GETKEYS, ACL checks, cluster routing): the command's GetKeysHandler or
 * GetChannelsHandler answers through KeyAtPos(WithFlags) / ChannelAtPosWithFlags. Nothing is
 * replied; a throw is logged, and the keys or channels reported before it stand.
 */
final class PositionRequests {
    private PositionRequests() {}

    /** True if this call was such a request, now answered; false if the command is to run. */
    static boolean answered(CommandMetadata metadata, String who, long ctx, long argv, int argc) {
        GetKeysHandler getKeys = metadata.getKeys();
        if (getKeys != null && IsKeysPositionRequest(ctx) != 0) {
            NativeArgs args = new NativeArgs(argv, argc);
            KeyPositions keys = new KeyPositions() {
                @Override
                public void keyAt(int position) {
                    KeyAtPos(ctx, checked(position, argc));
                }

                @Override
                public void keyAt(int position, Set<KeySpecFlag> flags) {
                    KeyAtPosWithFlags(ctx, checked(position, argc), (int) KeySpecFlag.bits(flags));
                }
            };
            ModuleRuntime.runLogged(who + " (its getKeys)", () -> {
                try {
                    getKeys.findKeys(keys, args);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                } finally {
                    args.invalidate();
                }
            });
            return true;
        }
        GetChannelsHandler getChannels = metadata.getChannels();
        if (getChannels != null && IsChannelsPositionRequest(ctx) != 0) {
            NativeArgs args = new NativeArgs(argv, argc);
            ChannelPositions channels = (position, flags) -> ChannelAtPosWithFlags(ctx, checked(position, argc), ChannelFlag.bits(flags));
            ModuleRuntime.runLogged(who + " (its getChannels)", () -> {
                try {
                    getChannels.findChannels(channels, args);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                } finally {
                    args.invalidate();
                }
            });
            return true;
        }
        return false;
    }

    private static int checked(int position, int argc) {
        if (position < 1 || position >= argc)
            throw new IndexOutOfBoundsException("position " + position + " is not an argument of this call (1 to " + (argc - 1) + ")");
        return position;
    }
}
