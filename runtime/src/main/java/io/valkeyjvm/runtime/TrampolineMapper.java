package io.valkeyjvm.runtime;

import com.sun.jna.FunctionMapper;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Method;

/**
 * Maps each method of the raw bindings to the loader's trampoline for it ({@code vjvm_<Name>}).
 * It lives in the shared runtime, beside JNA, because JNA keeps a library's options (this mapper
 * among them) in static tables for good: a mapper from a module's own class loader would keep
 * that loader, and every class it loaded, after MODULE UNLOAD.
 */
public final class TrampolineMapper implements FunctionMapper {
    /** The one instance: JNA caches a library by its path and options, so every load finds the same entry. */
    public static final TrampolineMapper INSTANCE = new TrampolineMapper();

    private TrampolineMapper() {}

    @Override
    public String getFunctionName(NativeLibrary library, Method method) {
        return "vjvm_" + method.getName();
    }

    @Override
    public String toString() {
        return "vjvm_<method>";
    }
}
