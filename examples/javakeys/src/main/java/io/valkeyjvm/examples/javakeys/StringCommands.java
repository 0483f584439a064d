package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.StringValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.List;

/**
 * A key's string through {@link StringValue}: set it whole, read and write a few bytes in place,
 * cut it or grow it. Bytes go in and out as they are (NUL bytes and all). A key holding anything
 * else is the server's WRONGTYPE error, for every command here.
 */
final class StringCommands {
    /** Reads are capped at this many bytes, as a module should cap what a client can ask it to copy. */
    static final int MAX_READ = 1 << 20;

    private StringCommands() {}

    static List<CommandDefinition> all() {
        return List.of(set(), read(), write(), truncate());
    }

    /**
     * {@code JAVAKEYS.STRSET key value}: stores the string, dropping any time to live, as SET does;
     * unlike SET, a key of another type is WRONGTYPE rather than replaced.
     */
    static CommandDefinition set() {
        return CommandDefinition.builder("javakeys.strset")
                .arity(3)
                .flags("write deny-oom")
                .keys(1, 1, 1)
                .summary("Stores a string at the key (WRONGTYPE if it holds another type).")
                .handler((ctx, args) -> {
                    ctx.openKeyForWrite(args.get(1)).string().set(args.get(2));
                    ctx.replyOk();
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.STRREAD key offset count}: at most {@code count} bytes (up to 1 MiB) from
     * {@code offset}, fewer past the end of the string, none for a missing key.
     */
    static CommandDefinition read() {
        return CommandDefinition.builder("javakeys.strread")
                .arity(4)
                .flags("readonly fast")
                .keys(1, 1, 1)
                .summary("Replies up to count bytes of the key's string from offset, read in place.")
                .handler((ctx, args) -> {
                    long offset = Arguments.nonNegative(args.get(2), "the offset");
                    long count = Arguments.nonNegative(args.get(3), "the count");
                    if (count > MAX_READ) throw ValkeyException.error("the count must be at most " + MAX_READ);
                    byte[] bytes = ctx.openKey(args.get(1)).string().read(offset, (int) count);
                    ctx.reply(bytes);
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.STRWRITE key offset bytes}: writes the bytes at {@code offset}, in place,
     * growing the string with zero bytes first if it is shorter (as SETRANGE); replies the new length.
     */
    static CommandDefinition write() {
        return CommandDefinition.builder("javakeys.strwrite")
                .arity(4)
                .flags("write deny-oom")
                .keys(1, 1, 1)
                .summary("Writes bytes into the key's string at offset, in place; replies the new length.")
                .handler((ctx, args) -> {
                    long offset = Arguments.nonNegative(args.get(2), "the offset");
                    ValkeyString bytes = args.get(3);
                    ctx.reply(ctx.openKeyForWrite(args.get(1)).string().write(offset, bytes.toByteArray()));
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.STRTRUNCATE key length}: cuts the string to {@code length} bytes, or grows it
     * with zero bytes; replies the new length.
     */
    static CommandDefinition truncate() {
        return CommandDefinition.builder("javakeys.strtruncate")
                .arity(3)
                .flags("write deny-oom")
                .keys(1, 1, 1)
                .summary("Cuts or zero-pads the key's string to length bytes; replies the new length.")
                .handler((ctx, args) -> {
                    long length = Arguments.nonNegative(args.get(2), "the length");
                    StringValue string = ctx.openKeyForWrite(args.get(1)).string();
                    string.truncate(length);
                    ctx.reply(string.length());
                })
                .build();
    }
}
