package io.valkeyjvm.raw;

/**
 * The few raw operations that JNA cannot do without allocating: JNI natives that the loader binds
 * with {@code RegisterNatives} when it loads the module. Pointers are passed as {@code long}.
 */
public final class NativeAccess {
    private NativeAccess() {}

    /** The bytes of a {@code ValkeyModuleString *}, copied into a new array. */
    public static native byte[] stringBytes(long valkeyModuleString);

    /** The bytes of {@code argv[index]}, where {@code argv} is a command's {@code ValkeyModuleString **}. */
    public static native byte[] argBytes(long argv, int index);

    /** The bytes of a NUL-terminated C string, or {@code null} for a NULL pointer. */
    public static native byte[] cStringBytes(long cString);

    /** The address of the loader's command callback number {@code index}, or 0 past the capacity. */
    public static native long commandCallback(int index);

    /** How many command callbacks the loader has, so how many commands one module can register. */
    public static native int commandCallbackCapacity();

    /** The address of the loader's INFO callback, for {@code RegisterInfoFunc}. */
    public static native long infoCallback();

    /**
     * The address of a blocking callback: 0 reply, 1 timeout, 2 free private data,
     * 3 disconnected, 4 main-thread tasks (for EventLoopAddOneShot), 5 timer fired.
     */
    public static native long blockingCallback(int which);

    /** Milliseconds until timer {@code id} fires, or -1 if it is not pending ({@code GetTimerInfo}). */
    public static native long timerRemaining(long ctx, long id);

    /**
     * Blocks the command's client on {@code keys} with the loader's key-ready, timeout and free
     * callbacks ({@code BlockClientOnKeysWithFlags}); returns the handle, or 0.
     */
    public static native long blockOnKeys(long ctx, byte[][] keys, long timeoutMillis, long privdata, int flags);

    /** {@code ValkeyModule_Call(ctx, command, "v" + flags, args)}: the reply, or 0 (errno says why). */
    public static native long call(long ctx, String command, String flags, byte[][] args);

    /** The bytes of a string, error, big number or verbatim call reply. */
    public static native byte[] callReplyBytes(long reply);

    /** The key ({@code which} 0) or value (1) of pair {@code index} of a map call reply, or 0. */
    public static native long callReplyMapElement(long reply, long index, int which);

    /** True inside a fork child of the server, where the JVM must not run. */
    public static native boolean inForkChild();

    /**
     * Calls {@code ValkeyModule_SetCommandInfo} with a version-1 info struct holding the given
     * arity and optional texts; returns 0 on success.
     */
    public static native int setCommandInfo(long command, int arity, String summary, String complexity, String since);

    /**
     * Binds the hot functions of {@code valkeyModuleApi} (those marked hot in module-api.decl) to
     * the loader's JNI implementations, replacing their JNA binding; so it must run after
     * {@code Native.register}. Returns the JNI result: 0, or a negative error code (a
     * {@link LinkageError} is thrown instead if the class lacks one of the methods).
     */
    public static native int bindHotFunctions(Class<?> valkeyModuleApi);

    /**
     * Registers data type number {@code typeIndex} of the module with the loader's callbacks
     * ({@code features}: which optional callbacks the type has); returns the server's type or 0.
     */
    public static native long createDataType(long ctx, int typeIndex, String name, int encodingVersion, int features, int auxTriggers);

    /** A new native value for Java handle {@code handle}, marked dirty; the server owns it once set. */
    public static native long newValue(int typeIndex, long handle);

    /** The Java handle of a native value. */
    public static native long valueHandle(long value);

    /** Marks a native value's recorded save stale: it is recorded again before the next fork. */
    public static native void markDirty(long value);

    /**
     * Appends {@code length} bytes of {@code bytes} from {@code offset} to the tape being recorded
     * at {@code sink} (server memory), the loader's buffer for one recording.
     */
    public static native void tapeWrite(long sink, byte[] bytes, int offset, int length);

    /** Ends the save section of the tape being recorded at {@code sink} and starts its AOF section. */
    public static native void tapeSection(long sink);

    /**
     * Registers the loader's command filter that refuses DUMP of a value whose save code fails
     * (the server would reply a payload without the value); false if the server cannot.
     */
    public static native boolean installDumpGuard(long ctx);

    /** {@code ValkeyModule_LoadStringBuffer} copied into a new array, or null on an I/O error. */
    public static native byte[] loadStringBuffer(long io);
}
