package io.valkeyjvm.raw;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import io.valkeyjvm.runtime.TrampolineMapper;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Binds {@link ValkeyModuleApi}'s natives to the loader file: every native method to its
 * trampoline ({@code vjvm_<Name>}) through JNA, and the hot functions (module-api.decl), which are
 * not JNA natives, to the loader's JNI implementations, several times cheaper to call; the hot
 * leaf ones become critical FFM downcalls where the JVM has the foreign linker.
 */
@RawValkeyApi
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
        NativeLibrary loader = NativeLibrary.getInstance(loaderPath, Map.of(Library.OPTION_FUNCTION_MAPPER, TrampolineMapper.INSTANCE));
        Native.register(ValkeyModuleApi.class, loader);
        bindHotFunctions(loaderPath);
        // Now, not at a first use on a reply path: a class whose initialization meets a full heap stays unusable.
        ForeignHotFunctions.initialize();
        CommandArguments.initialize();
        bound = true;
    }

    /**
     * Forgets the binding when the module unloads: JNA, shared by every module of the server,
     * would otherwise keep this class, and with it the module's class loader, for good.
     */
    public static synchronized void unbind() {
        if (!bound) return;
        Native.unregister(ValkeyModuleApi.class);
        forgetOptions(ValkeyModuleApi.class);
        bound = false;
    }

    /**
     * JNA keeps each bound class's options in weak-keyed tables whose value names the class
     * itself ("enclosing-library"), so the entry can never clear and unregister does not remove
     * it: remove it here. Without it, every unloaded module's class loader stays in memory.
     */
    private static void forgetOptions(Class<?> bound) {
        for (String table : new String[] {"typeOptions", "libraries"}) {
            try {
                Field field = Native.class.getDeclaredField(table);
                field.setAccessible(true);
                ((Map<?, ?>) field.get(null)).remove(bound);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Another JNA version: the module's classes stay in memory, nothing worse.
            }
        }
    }

    private static void bindHotFunctions(String loaderPath) {
        int result;
        try {
            result = NativeAccess.bindHotFunctions(HotNatives.class);
        } catch (LinkageError e) {
            throw new IllegalStateException("the hot functions (HotNatives) cannot be bound through JNI to " + loaderPath
                    + " (" + e + "); the loader and the jar must come from the same build", e);
        }
        if (result != 0)
            throw new IllegalStateException("the hot functions (HotNatives) cannot be bound through JNI to " + loaderPath
                    + ": RegisterNatives returned " + result);
    }
}
