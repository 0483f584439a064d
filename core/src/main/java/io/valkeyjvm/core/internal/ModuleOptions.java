package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.GetModuleOptionsAll;
import static io.valkeyjvm.raw.ValkeyModuleApi.SetModuleOptions;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OPTIONS_HANDLE_IO_ERRORS;

import io.valkeyjvm.core.ModuleDefinition;
import io.valkeyjvm.core.ModuleOption;

/** The module's options, set once at load: those it declares, and those the SDK needs for it. */
final class ModuleOptions {
    private ModuleOptions() {}

    static void apply(long ctx, ModuleDefinition definition) throws LoadFailure {
        // With data types: replicas can then load diskless, and a short stream is a load error instead of a crash.
        int bits = definition.dataTypes().isEmpty() ? 0 : OPTIONS_HANDLE_IO_ERRORS;
        if (!definition.options().isEmpty()) {
            int supported = GetModuleOptionsAll();
            for (ModuleOption option : definition.options()) {
                if ((supported & option.bit()) == 0)
                    throw new LoadFailure("module '" + definition.name() + "' asks for option " + option + ", which this server does not have"
                            + " (it needs Valkey " + option.since() + " or later); run a newer server or drop the option");
                bits |= option.bit();
            }
        }
        // SetModuleOptions replaces the module's options: one call with all of them.
        if (bits != 0) SetModuleOptions(ctx, bits);
    }
}
