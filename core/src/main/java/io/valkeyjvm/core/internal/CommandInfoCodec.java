package io.valkeyjvm.core.internal;

import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandArgFlag;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.CommandHistoryEntry;
import io.valkeyjvm.core.CommandMetadata;
import io.valkeyjvm.core.KeySpec;
import io.valkeyjvm.core.KeySpecFlag;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

import static io.valkeyjvm.raw.ValkeyModuleConstants.*;

/**
 * Encodes a command's SetCommandInfo metadata the way the loader reads it (NativeAccess.setCommandInfo
 * in loader-contract.decl documents the layout), in the platform's byte order.
 */
final class CommandInfoCodec {
    private ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    private CommandInfoCodec() {}

    /** The encoding of {@code command}'s arity, summary and metadata. */
    static byte[] encode(CommandDefinition command) {
        CommandInfoCodec codec = new CommandInfoCodec();
        CommandMetadata m = command.metadata();
        // A container with the default arity keeps the server's: at least a subcommand name.
        boolean container = !m.subcommands().isEmpty();
        codec.putInt(container && command.arity() == -1 ? 0 : command.arity());
        codec.putText(command.summary());
        codec.putText(m.complexity());
        codec.putText(m.since());
        codec.putText(m.tips().isEmpty() ? null : String.join(" ", m.tips()));
        codec.putInt(m.history().size());
        for (CommandHistoryEntry entry : m.history()) {
            codec.putText(entry.since());
            codec.putText(entry.changes());
        }
        codec.putInt(m.keySpecs().size());
        for (KeySpec spec : m.keySpecs()) codec.putKeySpec(spec);
        codec.putArgs(m.args());
        return Arrays.copyOf(codec.out.array(), codec.out.position());
    }

    private void putKeySpec(KeySpec spec) {
        putText(spec.notes());
        ensure(8);
        out.putLong(KeySpecFlag.bits(spec.flags()));
        putInt(switch (spec.beginSearch()) {
            case INDEX -> (int) KSPEC_BS_INDEX;
            case KEYWORD -> (int) KSPEC_BS_KEYWORD;
            case UNKNOWN -> (int) KSPEC_BS_UNKNOWN;
        });
        putInt(spec.position());
        putText(spec.keyword());
        putInt(switch (spec.findKeys()) {
            case RANGE -> (int) KSPEC_FK_RANGE;
            case KEYNUM -> (int) KSPEC_FK_KEYNUM;
            case UNKNOWN -> (int) KSPEC_FK_UNKNOWN;
        });
        putInt(spec.lastKeyOrKeyNumIndex());
        putInt(spec.keyStepOrFirstKey());
        putInt(spec.limitOrKeyStep());
    }

    private void putArgs(List<CommandArg> args) {
        putInt(args.size());
        for (CommandArg arg : args) {
            putText(arg.name());
            putInt(arg.type().code());
            putInt(arg.keySpecIndex());
            putText(arg.token());
            putText(arg.summary());
            putText(arg.since());
            int flags = 0;
            for (CommandArgFlag flag : arg.flags()) flags |= flag.bit();
            putInt(flags);
            putText(arg.deprecatedSince());
            putText(arg.displayText());
            putArgs(arg.subargs());
        }
    }

    private void putInt(int value) {
        ensure(4);
        out.putInt(value);
    }

    private void putText(@Nullable String text) {
        if (text == null) {
            putInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes)
            if (b == 0) throw new IllegalArgumentException("command metadata cannot contain a NUL character: \"" + text + "\"");
        putInt(bytes.length);
        ensure(bytes.length + 1);
        out.put(bytes);
        out.put((byte) 0);
    }

    private void ensure(int more) {
        if (out.remaining() >= more) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more)).order(ByteOrder.nativeOrder());
        out.flip();
        bigger.put(out);
        out = bigger;
    }
}
