package io.valkeyjvm.core.internal;

import static io.valkeyjvm.raw.ValkeyModuleApi.*;
import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

import io.valkeyjvm.core.ClientInfo;
import io.valkeyjvm.core.KeyType;
import io.valkeyjvm.core.ServerEvent;
import io.valkeyjvm.core.ValkeyString;
import io.valkeyjvm.raw.NativeAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a server event's data: the structs of the server's module API (version 1 of each), as
 * laid out on LP64, copied out of server memory while the callback runs.
 */
final class ServerEventData {
    private ServerEventData() {}

    static ServerEvent decode(long id, long subevent, long data) {
        int sub = (int) subevent;
        if (id == EVENT_REPLICATION_ROLE_CHANGED) {
            ByteBuffer b = struct(data, 64);
            return new ServerEvent.RoleChanged(sub == EVENT_REPLROLECHANGED_NOW_PRIMARY, cString(b.getLong(16)), b.getInt(24),
                    text(cString(b.getLong(32))), text(cString(b.getLong(40))), b.getLong(48), b.getLong(56));
        }
        if (id == EVENT_PERSISTENCE) return new ServerEvent.Persistence(ServerEvent.Persistence.Phase.values()[sub]);
        if (id == EVENT_FLUSHDB) {
            ByteBuffer b = struct(data, 16);
            return new ServerEvent.FlushDb(sub == SUBEVENT_FLUSHDB_START, b.getInt(8) != 0, b.getInt(12));
        }
        if (id == EVENT_LOADING) return new ServerEvent.Loading(ServerEvent.Loading.Phase.values()[sub]);
        if (id == EVENT_CLIENT_CHANGE) {
            return new ServerEvent.ClientChange(sub == SUBEVENT_CLIENT_CHANGE_CONNECTED, clientInfo(data));
        }
        if (id == EVENT_SHUTDOWN) return new ServerEvent.Shutdown();
        if (id == EVENT_REPLICA_CHANGE) return new ServerEvent.ReplicaChange(sub == SUBEVENT_REPLICA_CHANGE_ONLINE);
        if (id == EVENT_PRIMARY_LINK_CHANGE) return new ServerEvent.PrimaryLink(sub == SUBEVENT_PRIMARY_LINK_UP);
        if (id == EVENT_CRON_LOOP) return new ServerEvent.CronLoop(struct(data, 12).getInt(8));
        if (id == EVENT_MODULE_CHANGE) {
            ByteBuffer b = struct(data, 20);
            return new ServerEvent.ModuleChange(sub == SUBEVENT_MODULE_LOADED, text(cString(b.getLong(8))), b.getInt(16));
        }
        if (id == EVENT_LOADING_PROGRESS) {
            ByteBuffer b = struct(data, 16);
            return new ServerEvent.LoadingProgress(sub == SUBEVENT_LOADING_PROGRESS_AOF, b.getInt(8), b.getInt(12));
        }
        if (id == EVENT_SWAPDB) {
            ByteBuffer b = struct(data, 16);
            return new ServerEvent.SwapDb(b.getInt(8), b.getInt(12));
        }
        if (id == EVENT_FORK_CHILD) return new ServerEvent.ForkChild(sub == SUBEVENT_FORK_CHILD_BORN);
        if (id == EVENT_REPL_ASYNC_LOAD) return new ServerEvent.ReplAsyncLoad(ServerEvent.ReplAsyncLoad.Phase.values()[sub]);
        if (id == EVENT_EVENTLOOP) return new ServerEvent.EventLoop(sub == SUBEVENT_EVENTLOOP_BEFORE_SLEEP);
        if (id == EVENT_CONFIG) {
            ByteBuffer b = struct(data, 24);
            List<String> names = new ArrayList<>();
            for (long pointer : pointers(b.getLong(16), Integer.toUnsignedLong(b.getInt(8)))) names.add(text(cString(pointer)));
            return new ServerEvent.ConfigChange(List.copyOf(names));
        }
        if (id == EVENT_KEY) {
            long key = struct(data, 16).getLong(8);
            ValkeyString name = Strings.owning(NativeAccess.stringBytes(GetKeyNameFromModuleKey(key)));
            return new ServerEvent.KeyChange(ServerEvent.KeyChange.Reason.values()[sub], name, KeyType.of(KeyType(key)), ValueLength(key),
                    GetAbsExpire(key));
        }
        if (id == EVENT_ATOMIC_SLOT_MIGRATION) {
            // version, job_name[41], then (aligned) the slot range array and its length.
            ByteBuffer b = struct(data, 72);
            byte[] job = new byte[41];
            b.get(8, job);
            int length = 0;
            while (length < job.length && job[length] != 0) length++;
            List<ServerEvent.AtomicSlotMigration.SlotRange> slots = new ArrayList<>();
            long count = Integer.toUnsignedLong(b.getInt(64));
            if (count > 0) {
                ByteBuffer ranges = struct(b.getLong(56), (int) (count * 8));
                for (int i = 0; i < count; i++) slots.add(new ServerEvent.AtomicSlotMigration.SlotRange(ranges.getInt(i * 8), ranges.getInt(i * 8 + 4)));
            }
            // The subevents are numbered in the order of Phase.
            return new ServerEvent.AtomicSlotMigration(ServerEvent.AtomicSlotMigration.Phase.values()[sub],
                    new String(job, 0, length, StandardCharsets.UTF_8), List.copyOf(slots));
        }
        if (id == EVENT_AUTHENTICATION_ATTEMPT) {
            ByteBuffer b = struct(data, 36);
            return new ServerEvent.AuthenticationAttempt(b.getLong(8), text(cString(b.getLong(16))), cString(b.getLong(24)),
                    b.getInt(32) == AUTH_RESULT_GRANTED);
        }
        if (id >= EVENT_COMMAND_RESULT_SUCCESS && id <= EVENT_COMMAND_RESULT_ACL_REJECTED) {
            ByteBuffer b = struct(data, 64);
            List<ValkeyString> args = new ArrayList<>();
            for (long arg : pointers(b.getLong(48), b.getInt(44))) args.add(Strings.owning(NativeAccess.stringBytes(arg)));
            ServerEvent.CommandResult.Outcome outcome = ServerEvent.CommandResult.Outcome.values()[(int) (id - EVENT_COMMAND_RESULT_SUCCESS)];
            return new ServerEvent.CommandResult(outcome, cString(b.getLong(8)), b.getLong(16), b.getLong(24), b.getLong(32),
                    b.getInt(40) != 0, List.copyOf(args), cString(b.getLong(56)),
                    outcome == ServerEvent.CommandResult.Outcome.ACL_REJECTED ? sub : -1);
        }
        throw new IllegalArgumentException("server event " + id + " is not one the SDK knows");
    }

    /** A ValkeyModuleClientInfoV1 the server filled in. */
    static ClientInfo clientInfo(long data) {
        ByteBuffer b = struct(data, 74);
        byte[] address = new byte[46];
        b.get(24, address);
        int end = 0;
        while (end < address.length && address[end] != 0) end++;
        return new ClientInfo(b.getLong(16), new String(address, 0, end, StandardCharsets.US_ASCII),
                Short.toUnsignedInt(b.getShort(70)), Short.toUnsignedInt(b.getShort(72)), b.getLong(8));
    }

    private static ByteBuffer struct(long address, int length) {
        if (address == 0) throw new IllegalStateException("the server passed no data with the event");
        return ByteBuffer.wrap(NativeAccess.memory(address, length)).order(ByteOrder.nativeOrder());
    }

    private static long[] pointers(long array, long count) {
        if (array == 0 || count <= 0) return new long[0];
        ByteBuffer b = struct(array, (int) (count * 8));
        long[] result = new long[(int) count];
        for (int i = 0; i < result.length; i++) result[i] = b.getLong(i * 8);
        return result;
    }

    private static @Nullable String cString(long pointer) {
        byte[] bytes = pointer == 0 ? null : NativeAccess.cStringBytes(pointer);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s;
    }
}
