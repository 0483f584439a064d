package io.valkeyjvm.core;

import java.util.List;

/**
 * Finds a call's pub/sub channels (the server's getchannels-api), so that ACL rules on channels
 * ({@code &pattern}) cover the command: the server asks it, instead of running the command, for
 * ACL checks (ACL DRYRUN too). It must not reply or touch data.
 */
@FunctionalInterface
public interface GetChannelsHandler {
    /** Reports the channels of the call with arguments {@code args} (the command name first) to {@code channels}. */
    void findChannels(ChannelPositions channels, List<ValkeyString> args) throws Exception;
}
