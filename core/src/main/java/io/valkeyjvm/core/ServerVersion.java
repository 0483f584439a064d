package io.valkeyjvm.core;

/**
 * A valkey-server version, as the server reports it (GetServerVersion): comparable, so a module
 * can require one (`version.atLeast(9, 0)`).
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {
    /** The version the server encodes as 0x00MMmmpp. */
    public static ServerVersion ofEncoded(int encoded) {
        return new ServerVersion((encoded >> 16) & 0xff, (encoded >> 8) & 0xff, encoded & 0xff);
    }

    /** True if this version is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return compareTo(new ServerVersion(major, minor, 0)) >= 0;
    }

    @Override
    public int compareTo(ServerVersion other) {
        if (major != other.major) return Integer.compare(major, other.major);
        if (minor != other.minor) return Integer.compare(minor, other.minor);
        return Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
