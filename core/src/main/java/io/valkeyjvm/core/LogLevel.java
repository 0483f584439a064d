package io.valkeyjvm.core;

/** The server's log levels, lowest first. */
public enum LogLevel {
    /** Only with {@code loglevel debug}. */
    DEBUG("debug"),
    /** With {@code loglevel verbose} or lower. */
    VERBOSE("verbose"),
    /** The server's default level. */
    NOTICE("notice"),
    /** Always logged. */
    WARNING("warning");

    private final String serverName;

    LogLevel(String serverName) {
        this.serverName = serverName;
    }

    /** The level's name as the server's log API takes it. */
    public String serverName() {
        return serverName;
    }
}
