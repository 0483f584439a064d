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

    /**
     * The level named {@code name} ({@code "debug"}, {@code "verbose"}, {@code "notice"},
     * {@code "warning"}, in any case), as the server's {@code loglevel} config names them.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static LogLevel of(String name) {
        for (LogLevel level : values()) if (level.serverName.equalsIgnoreCase(name)) return level;
        throw new IllegalArgumentException("not a log level: '" + name + "' (use debug, verbose, notice or warning)");
    }
}
