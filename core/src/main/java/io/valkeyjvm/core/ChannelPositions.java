package io.valkeyjvm.core;

import java.util.Set;

/** Where a call's pub/sub channels are, told by a command's {@link GetChannelsHandler} (getchannels-api). */
public interface ChannelPositions {
    /** The argument at {@code position} (the command name is 0) is a channel used as {@code flags} say. */
    void channelAt(int position, Set<ChannelFlag> flags);
}
