package io.valkeyjvm.raw;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Map;

/** Binds {@link ValkeyModuleApi}'s natives to the trampolines ({@code vjvm_<Name>}) of the loader file. */
public final class RawBindings {
    private static volatile boolean bound;

    private RawBindings() {}

    /**
     * Binds the API to the loader at {@code loaderPath} (the module's own {@code .so}, already
     * loaded by the server; JNA's handle also keeps it mapped while the classes exist).
     */
    public static synchronized void bind(String loaderPath) {
        if (bound) return;
        if (System.getProperty("jna.encoding") == null) System.setProperty("jna.encoding", "UTF-8");
        FunctionMapper trampolines = (library, method) -> "vjvm_" + method.getName();
        NativeLibrary loader = NativeLibrary.getInstance(loaderPath, Map.of(Library.OPTION_FUNCTION_MAPPER, trampolines));
        Native.register(ValkeyModuleApi.class, loader);
        bound = true;
    }
}
