package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.InternalValkeyJvmApi;
import io.valkeyjvm.core.ValkeyString;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the SDK makes a {@link ValkeyString} from bytes it has just copied out of the server,
 * without copying them again. Not public API: a string that shares an array someone else can
 * change would break the class's immutability, so {@code ValkeyString} grants this once, to here.
 */
@InternalValkeyJvmApi
public final class Strings {
    private static volatile @Nullable Function<byte[], ValkeyString> owning;

    private Strings() {}

    /** Called once, by {@code ValkeyString}'s initialization; later calls are ignored. */
    public static synchronized void grant(Function<byte[], ValkeyString> factory) {
        if (owning == null) owning = factory;
    }

    /** A string that owns {@code bytes}, which no one may change afterwards. */
    static ValkeyString owning(byte[] bytes) {
        Function<byte[], ValkeyString> factory = owning;
        if (factory == null) {
            ValkeyString.of(""); // initializes ValkeyString, which grants the factory
            factory = owning;
        }
        return factory.apply(bytes);
    }
}
