package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.CALLBACK_COMMAND_FILTER;
import static io.valkeyjvm.raw.LoaderContract.CALLBACK_COMMAND_FILTER_NO_SELF;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CMDFILTER_NOSELF;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.CommandFilter;
import io.valkeyjvm.core.FilteredCommand;
import io.valkeyjvm.core.ModuleDefinition;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.util.List;

/**
 * The module's command filters: two loader callbacks (with and without CMDFILTER_NOSELF), each
 * running its group of filters in declaration order, on the main thread, for every command.
 */
final class FilterHost {
    private static volatile List<CommandFilter> all = List.of();
    private static volatile List<CommandFilter> noSelf = List.of();

    private FilterHost() {}

    static void register(long ctx, ModuleDefinition definition) throws LoadFailure {
        all = definition.commandFilters().stream().filter(f -> !f.noSelf()).map(ModuleDefinition.FilterRegistration::filter).toList();
        noSelf = definition.commandFilters().stream().filter(ModuleDefinition.FilterRegistration::noSelf)
                .map(ModuleDefinition.FilterRegistration::filter).toList();
        if (!all.isEmpty() && RegisterCommandFilter(ctx, NativeAccess.callback(CALLBACK_COMMAND_FILTER), 0) == 0)
            throw new LoadFailure("module '" + definition.name() + "': the server refused its command filter");
        if (!noSelf.isEmpty() && RegisterCommandFilter(ctx, NativeAccess.callback(CALLBACK_COMMAND_FILTER_NO_SELF), CMDFILTER_NOSELF) == 0)
            throw new LoadFailure("module '" + definition.name() + "': the server refused its command filter");
    }

    static void unregister() {
        all = List.of();
        noSelf = List.of();
    }

    static void filter(long fctx, boolean selfExcluded) {
        NativeFilteredCommand command = new NativeFilteredCommand(fctx);
        try {
            for (CommandFilter filter : selfExcluded ? noSelf : all) ModuleRuntime.runLogged("a command filter", () -> filter.filter(command));
        } finally {
            command.fctx = 0;
        }
    }

    private static final class NativeFilteredCommand implements FilteredCommand {
        long fctx;

        NativeFilteredCommand(long fctx) {
            this.fctx = fctx;
        }

        private long live() {
            if (fctx == 0) throw new IllegalStateException("a filtered command is valid only while its filter runs");
            return fctx;
        }

        private void inRange(int index, int limit) {
            if (index < 0 || index >= limit)
                throw new IndexOutOfBoundsException("argument " + index + " of a command of " + argCount() + " arguments");
        }

        @Override
        public int argCount() {
            return CommandFilterArgsCount(live());
        }

        @Override
        public ValkeyString arg(int index) {
            inRange(index, argCount());
            return Strings.owning(NativeAccess.stringBytes(CommandFilterArgGet(live(), index)));
        }

        @Override
        public void insert(int index, ValkeyString value) {
            inRange(index, argCount() + 1);
            if (CommandFilterArgInsert(live(), index, serverString(value)) != OK) throw new IllegalStateException("the server refused the insert");
        }

        @Override
        public void replace(int index, ValkeyString value) {
            inRange(index, argCount());
            if (CommandFilterArgReplace(live(), index, serverString(value)) != OK) throw new IllegalStateException("the server refused the replace");
        }

        @Override
        public void delete(int index) {
            inRange(index, argCount());
            if (CommandFilterArgDelete(live(), index) != OK) throw new IllegalStateException("the server refused the delete");
        }

        @Override
        public long clientId() {
            return CommandFilterGetClientId(live());
        }

        /** The command takes the string over: created without a context, so nothing frees it under the command. */
        private static long serverString(ValkeyString value) {
            byte[] bytes = value.toByteArray();
            return CreateString(0, bytes, bytes.length);
        }
    }
}
