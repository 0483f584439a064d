package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.Log;

import io.valkeyjvm.raw.ForeignLinker;
import io.valkeyjvm.raw.NativeAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;

/**
 * On JDK 22 and later, the module's commands enter Java through an FFM upcall stub that the
 * loader's command callbacks call, instead of a JNI upcall: a JNI upcall costs more than most
 * commands do. On older JDKs, or with {@code jvm-option -Dvalkeyjvm.foreign=false}
 * ({@link ForeignLinker#PROPERTY}), the JNI upcall stays.
 */
final class ForeignCommandEntry {
    /** What the stub returns when even the failure reply failed; the loader then replies an error of its own. */
    private static final int FAILED = -1;

    private static @Nullable ForeignLinker linker;

    private ForeignCommandEntry() {}

    /** Points the loader's command callbacks at a stub of {@link #enter}, where the JDK has the linker. */
    static void install() {
        ForeignLinker opened = ForeignLinker.open();
        if (opened == null) return;
        try {
            MethodType type = MethodType.methodType(int.class, int.class, long.class, long.class, int.class);
            long stub = opened.upcallStub(MethodHandles.lookup().findStatic(ForeignCommandEntry.class, "enter", type));
            NativeAccess.commandEntry(stub);
            linker = opened;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // The JNI upcall still serves every command.
            opened.close();
        }
    }

    /** Back to the JNI upcall, and the stub freed: the module is going away. */
    static void uninstall() {
        ForeignLinker installed = linker;
        if (installed == null) return;
        linker = null;
        NativeAccess.commandEntry(0);
        installed.close();
    }

    /** True while commands enter through the stub. */
    static boolean installed() {
        return linker != null;
    }

    /** The stub's target: {@link ModuleHost#dispatchCommand}, with nothing thrown back into the stub (that would end the JVM). */
    private static int enter(int index, long ctx, long argv, int argc) {
        try {
            return ModuleHost.dispatchCommand(index, ctx, argv, argc);
        } catch (Throwable t) {
            try {
                FailureLog.warn("a command", FailureLog.threw(t), () -> "valkey-jvm: a command threw " + t,
                        line -> Log(0, "warning", line));
            } catch (Throwable ignored) {
                // Not even the log line: the loader's own error reply still answers the client.
            }
            return FAILED;
        }
    }
}
