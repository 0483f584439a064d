package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.LoaderContract.COMMAND_FILTERS;
import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.CMDFILTER_NOSELF;
import static io.valkeyjvm.raw.ValkeyModuleConstants.OK;

import io.valkeyjvm.core.CommandFilter;
import io.valkeyjvm.core.CommandFilterRegistration;
import io.valkeyjvm.core.FilteredCommand;
import io.valkeyjvm.core.MainThread;
import io.valkeyjvm.core.ModuleDefinition;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;

/**
 * The module's command filters: each registered filter holds one of the loader's filter callbacks
 * (the server passes a filter nothing but the command), and runs on the main thread for every
 * command it sees.
 */
final class FilterHost {
    private static final CommandFilter[] slots = new CommandFilter[COMMAND_FILTERS];

    private FilterHost() {}

    /** Registers the filters the module declared; the last step of OnLoad. */
    static void registerDeclared(long ctx, ModuleDefinition definition) throws LoadFailure {
        for (ModuleDefinition.FilterRegistration declared : definition.commandFilters()) {
            try {
                register(ctx, declared.filter(), declared.noSelf());
            } catch (IllegalStateException e) {
                throw new LoadFailure("module '" + definition.name() + "': " + e.getMessage());
            }
        }
    }

    static CommandFilterRegistration register(long ctx, CommandFilter filter, boolean noSelf) {
        MainThread.check("registering a command filter");
        int slot = -1;
        for (int i = 0; i < slots.length && slot < 0; i++) if (slots[i] == null) slot = i;
        if (slot < 0) throw new IllegalStateException("a JVM module can have at most " + COMMAND_FILTERS + " command filters registered");
        slots[slot] = filter;
        long registered = RegisterCommandFilter(ctx, NativeAccess.commandFilterCallback(slot), noSelf ? CMDFILTER_NOSELF : 0);
        if (registered == 0) {
            slots[slot] = null;
            throw new IllegalStateException("the server refused the command filter");
        }
        return new Registration(slot, filter, registered);
    }

    static void unregisterAll() {
        java.util.Arrays.fill(slots, null);
    }

    static void filter(long fctx, int slot) {
        CommandFilter filter = slots[slot];
        if (filter == null) return;
        NativeFilteredCommand command = new NativeFilteredCommand(fctx);
        try {
            ModuleRuntime.runLogged("a command filter", () -> filter.filter(command));
        } finally {
            command.fctx = 0;
        }
    }

    private static final class Registration implements CommandFilterRegistration {
        private final int slot;
        private final CommandFilter filter;
        private long registered;

        Registration(int slot, CommandFilter filter, long registered) {
            this.slot = slot;
            this.filter = filter;
            this.registered = registered;
        }

        @Override
        public boolean unregister() {
            MainThread.check("CommandFilterRegistration.unregister");
            if (registered == 0 || slots[slot] != filter) return false;
            boolean removed = UnregisterCommandFilter(ServerHost.context(), registered) == OK;
            registered = 0;
            slots[slot] = null;
            return removed;
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
