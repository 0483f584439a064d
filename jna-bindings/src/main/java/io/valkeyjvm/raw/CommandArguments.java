package io.valkeyjvm.raw;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Copies a command's arguments out of the server's argv in one call: through a critical foreign
 * downcall that writes into the Java arrays in place where the JVM has the foreign linker (JDK
 * 22+), else through JNI ({@link NativeAccess#argsInto}).
 */
@RawValkeyApi
public final class CommandArguments {
    private static final MethodHandle FOREIGN = ForeignLinker.available()
            ? ForeignLinker.criticalDowncall(NativeAccess.argsIntoFunction(),
                    MethodType.methodType(int.class, long.class, int.class, byte[].class, int.class, int[].class))
            : null;

    private CommandArguments() {}

    /** Initializes the class (its foreign handle) when the API is bound, not at a command's first read. */
    static void initialize() {}

    /**
     * Copies the bytes of argv[0..argc) one after another into {@code buffer}, and where each
     * one ends into {@code ends}: returns argc, or -1 (nothing usable) when they do not fit.
     */
    public static int copyInto(long argv, int argc, byte[] buffer, int[] ends) {
        if (argc < 0 || argc > ends.length) return -1;
        if (FOREIGN == null) return NativeAccess.argsInto(argv, argc, buffer, ends);
        try {
            return (int) FOREIGN.invokeExact(argv, argc, buffer, buffer.length, ends);
        } catch (Throwable t) {
            throw ForeignLinker.rethrow(t);
        }
    }
}
