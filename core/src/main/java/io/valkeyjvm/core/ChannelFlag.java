package io.valkeyjvm.core;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import java.util.Collection;

/**
 * What a command does with a channel: for {@link ChannelPositions#channelAt} (so that ACL rules
 * on channels, {@code &pattern}, cover a module's pub/sub commands) and
 * {@link AclUser#canAccessChannel}.
 */
public enum ChannelFlag {
    /** The argument is a pattern (as PSUBSCRIBE takes), not one channel. */
    PATTERN(CMD_CHANNEL_PATTERN),
    /** The command publishes to the channel. */
    PUBLISH(CMD_CHANNEL_PUBLISH),
    /** The command subscribes to the channel. */
    SUBSCRIBE(CMD_CHANNEL_SUBSCRIBE),
    /** The command unsubscribes from the channel (ACL rules never refuse that). */
    UNSUBSCRIBE(CMD_CHANNEL_UNSUBSCRIBE);

    private final int bit;

    ChannelFlag(long bit) {
        this.bit = (int) bit;
    }

    /** The server's VALKEYMODULE_CMD_CHANNEL_* bit. */
    public int bit() {
        return bit;
    }

    /** The bits of {@code flags}. */
    public static int bits(Collection<ChannelFlag> flags) {
        int bits = 0;
        for (ChannelFlag flag : flags) bits |= flag.bit;
        return bits;
    }
}
