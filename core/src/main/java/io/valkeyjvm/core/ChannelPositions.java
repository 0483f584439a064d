package io.valkeyjvm.core;

import java.util.EnumSet;
import java.util.Set;

/** Where a call's pub/sub channels are, told by a command's {@link GetChannelsHandler} (getchannels-api). */
public interface ChannelPositions {
    /** The argument at {@code position} (the command name is 0) is a channel used as {@code flags} say. */
    void channelAt(int position, Set<ChannelFlag> flags);

    /** As {@link #channelAt(int, Set)}, with the flags listed: {@code channels.channelAt(1, ChannelFlag.PUBLISH)}. */
    default void channelAt(int position, ChannelFlag first, ChannelFlag... rest) {
        channelAt(position, EnumSet.of(first, rest));
    }
}
