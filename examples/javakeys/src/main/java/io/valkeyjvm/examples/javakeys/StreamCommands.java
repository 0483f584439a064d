package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.KeyspaceEventType;
import io.valkeyjvm.core.PostponedLength;
import io.valkeyjvm.core.StreamEntry;
import io.valkeyjvm.core.StreamId;
import io.valkeyjvm.core.StreamRange;
import io.valkeyjvm.core.StreamValue;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.List;

/**
 * A key's stream through {@link StreamValue}: add entries, delete one, walk a range of IDs either
 * way, trim by length or by ID. IDs are written {@code ms-seq}; {@code -} and {@code +} are the
 * smallest and largest. A key holding anything else is the server's WRONGTYPE error.
 */
final class StreamCommands {
    private StreamCommands() {}

    static List<CommandDefinition> all() {
        return List.of(add(), delete(), range(), trim());
    }

    /**
     * {@code JAVAKEYS.XADD key *|id field value [field value ...]}: adds an entry with the next ID
     * ({@code *}) or the one given, which must be greater than the stream's last; replies the ID.
     * Subscribers of stream events (notify-keyspace-events {@code t}) get {@code xadd}, as for
     * XADD: the module sends it, since adding through the API notifies nobody.
     */
    static CommandDefinition add() {
        return CommandDefinition.builder("javakeys.xadd")
                .arity(-5)
                .flags("write deny-oom fast")
                .keys(1, 1, 1)
                .summary("Adds a stream entry with the next ID (*) or the given one; replies the ID.")
                .handler((ctx, args) -> {
                    ctx.requireArity(args.size() % 2 == 1);
                    ValkeyString name = args.get(1);
                    List<ValkeyString> fieldsAndValues = args.subList(3, args.size());
                    StreamValue stream = ctx.openKeyForWrite(name).stream();
                    StreamId id;
                    if (args.get(2).equalsIgnoreCase("*")) {
                        id = stream.add(fieldsAndValues);
                    } else {
                        id = StreamId.parse(args.get(2));
                        stream.add(id, fieldsAndValues);
                    }
                    ctx.notifyKeyspaceEvent(KeyspaceEventType.STREAM, "xadd", name);
                    ctx.reply(id.toValkeyString());
                })
                .build();
    }

    /** {@code JAVAKEYS.XDEL key id}: deletes the entry; 1 if it was there, else 0. */
    static CommandDefinition delete() {
        return CommandDefinition.builder("javakeys.xdel")
                .arity(3)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Deletes a stream entry; replies 1 if it was there, else 0.")
                .handler((ctx, args) -> {
                    StreamId id = StreamId.parse(args.get(2));
                    ctx.reply(ctx.openKeyForWrite(args.get(1)).stream().delete(id) ? 1 : 0);
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.XRANGE key start end [REV]}: the entries from start to end, both included,
     * as XRANGE replies them ({@code [[id, [field, value, ...]], ...]}), oldest first, or newest
     * first with REV (start stays the lower bound).
     */
    static CommandDefinition range() {
        return CommandDefinition.builder("javakeys.xrange")
                .arity(-4)
                .flags("readonly")
                .keys(1, 1, 1)
                .summary("Replies the stream entries between two IDs, REV for newest first.")
                .handler((ctx, args) -> {
                    StreamId start = StreamId.parse(args.get(2));
                    StreamId end = StreamId.parse(args.get(3));
                    boolean reverse = Arguments.optionalRev(args, 4);
                    // Opened before the reply starts: a WRONGTYPE error must be the whole reply.
                    try (StreamRange range = ctx.openKey(args.get(1)).stream().range(start, end, reverse)) {
                        PostponedLength entries = ctx.replyArray();
                        long replied = 0;
                        while (range.hasNext()) {
                            StreamEntry entry = range.next();
                            ctx.replyArray(2);
                            ctx.reply(entry.id().toValkeyString());
                            ctx.replyArray(2L * entry.fields().size());
                            for (StreamEntry.Field field : entry.fields()) {
                                ctx.reply(field.name());
                                ctx.reply(field.value());
                            }
                            replied++;
                        }
                        entries.set(replied);
                    }
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.XTRIM key MAXLEN|MINID [~] threshold}: deletes the oldest entries until at
     * most threshold remain (MAXLEN), or those with IDs below threshold (MINID); with {@code ~},
     * only whole internal nodes, so a few more may remain. Replies how many it deleted.
     */
    static CommandDefinition trim() {
        return CommandDefinition.builder("javakeys.xtrim")
                .arity(-4)
                .flags("write")
                .keys(1, 1, 1)
                .summary("Trims a stream by MAXLEN or MINID, ~ for approximately; replies how many entries it deleted.")
                .handler((ctx, args) -> {
                    boolean approximate = args.size() == 5 && args.get(3).equalsIgnoreCase("~");
                    if (args.size() != (approximate ? 5 : 4)) throw ValkeyException.error("syntax error");
                    ValkeyString strategy = args.get(2);
                    ValkeyString threshold = args.get(args.size() - 1);
                    StreamValue stream = ctx.openKeyForWrite(args.get(1)).stream();
                    if (strategy.equalsIgnoreCase("MAXLEN")) {
                        ctx.reply(stream.trimByLength(Arguments.nonNegative(threshold, "MAXLEN"), approximate));
                    } else if (strategy.equalsIgnoreCase("MINID")) {
                        ctx.reply(stream.trimById(StreamId.parse(threshold), approximate));
                    } else {
                        throw ValkeyException.error("syntax error: MAXLEN or MINID expected");
                    }
                })
                .build();
    }
}
