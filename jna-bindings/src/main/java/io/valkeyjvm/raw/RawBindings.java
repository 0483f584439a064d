package io.valkeyjvm.raw;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Map;

/**
 * Binds {@link ValkeyModuleApi}'s natives to the loader file: every method to its trampoline
 * ({@code vjvm_<Name>}) through JNA, then the hot ones (module-api.decl) to the loader's JNI
 * implementations, which are several times cheaper to call.
 */
public final class RawBindings {
    private static volatile boolean bound;

    private RawBindings() {}

    /**
     * Binds the API to the loader at {@code loaderPath} (the module's own {@code .so}, already
     * loaded by the server; JNA's handle also keeps it mapped while the classes exist).
     *
     * @throws IllegalStateException if the hot functions cannot be bound through JNI
     */
    public static synchronized void bind(String loaderPath) {
        if (bound) return;
        if (System.getProperty("jna.encoding") == null) System.setProperty("jna.encoding", "UTF-8");
        FunctionMapper trampolines = (library, method) -> "vjvm_" + method.getName();
        NativeLibrary loader = NativeLibrary.getInstance(loaderPath, Map.of(Library.OPTION_FUNCTION_MAPPER, trampolines));
        // Native.register binds every native method of the class, so the JNI binding must come after it.
        Native.register(ValkeyModuleApi.class, loader);
        bindHotFunctions(loaderPath);
        bound = true;
    }

    private static void bindHotFunctions(String loaderPath) {
        int result;
        try {
            result = NativeAccess.bindHotFunctions(ValkeyModuleApi.class);
        } catch (LinkageError e) {
            throw new IllegalStateException("the hot functions of ValkeyModuleApi cannot be bound through JNI to " + loaderPath
                    + " (" + e + "); the loader and the jar must come from the same build", e);
        }
        if (result != 0)
            throw new IllegalStateException("the hot functions of ValkeyModuleApi cannot be bound through JNI to " + loaderPath
                    + ": RegisterNatives returned " + result);
    }
}
