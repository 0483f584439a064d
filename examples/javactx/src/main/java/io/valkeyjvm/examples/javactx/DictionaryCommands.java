package io.valkeyjvm.examples.javactx;

import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.DictIterator;
import io.valkeyjvm.core.DictSeek;
import io.valkeyjvm.core.ServerDictionary;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module-wide {@link ServerDictionary}: an ordered map kept in the server's memory, apart from
 * its keyspace (in the spirit of the server's {@code hellodict.c}). Keys sort byte by byte;
 * {@code JAVACTX.DICT.SEEK} starts a walk with any of the server's seek operators and goes either
 * way, {@code JAVACTX.DICT.RANGE} reads the keys between two bounds in either order.
 */
final class DictionaryCommands {
    /** The module's dictionary; its memory is the server's and is freed when the module unloads. */
    private static final ServerDictionary ENTRIES = new ServerDictionary();

    private DictionaryCommands() {}

    static List<CommandDefinition.Builder> commands() {
        return List.of(
                CommandDefinition.builder("javactx.dict.set")
                        .arity(3)
                        .flags("write deny-oom fast")
                        .summary("Stores value under key in the module's dictionary; 1 if the key is new, 0 if its value was replaced.")
                        .complexity("O(log N)")
                        .since("1.0.0")
                        .args(CommandArg.string("key"), CommandArg.string("value"))
                        .handler((ctx, args) -> ctx.reply(ENTRIES.put(args.get(1), args.get(2)) ? 1 : 0)),
                CommandDefinition.builder("javactx.dict.get")
                        .arity(2)
                        .flags("readonly fast")
                        .summary("The value stored under key, or nil.")
                        .complexity("O(log N)")
                        .since("1.0.0")
                        .args(CommandArg.string("key"))
                        .handler(DictionaryCommands::get),
                CommandDefinition.builder("javactx.dict.del")
                        .arity(2)
                        .flags("write fast")
                        .summary("Removes key; 1 if it was there.")
                        .complexity("O(log N)")
                        .since("1.0.0")
                        .args(CommandArg.string("key"))
                        .handler((ctx, args) -> ctx.reply(ENTRIES.remove(args.get(1)) ? 1 : 0)),
                CommandDefinition.builder("javactx.dict.size")
                        .arity(1)
                        .flags("readonly fast")
                        .summary("The number of keys in the dictionary.")
                        .since("1.0.0")
                        .handler((ctx, args) -> ctx.reply(ENTRIES.size())),
                CommandDefinition.builder("javactx.dict.seek")
                        .arity(5)
                        .flags("readonly")
                        .summary("Up to count key-value pairs from where the operator (^ $ > >= < <= ==) places the walk, going NEXT or PREV.")
                        .complexity("O(log N + count)")
                        .since("1.0.0")
                        .args(CommandArg.string("operator"), CommandArg.string("key"),
                                CommandArg.oneOf("direction", CommandArg.pureToken("next", "NEXT"), CommandArg.pureToken("prev", "PREV")),
                                CommandArg.integer("count"))
                        .handler(DictionaryCommands::seek),
                CommandDefinition.builder("javactx.dict.range")
                        .arity(4)
                        .flags("readonly")
                        .summary("Up to count keys from start to end, both included: ascending if start <= end, descending otherwise.")
                        .complexity("O(log N + count)")
                        .since("1.0.0")
                        .args(CommandArg.string("start"), CommandArg.string("end"), CommandArg.integer("count"))
                        .handler(DictionaryCommands::range));
    }


    private static void get(CommandContext ctx, List<ValkeyString> args) {
        ValkeyString value = ENTRIES.get(args.get(1));
        if (value == null) ctx.replyNull();
        else ctx.reply(value);
    }

    private static void seek(CommandContext ctx, List<ValkeyString> args) {
        DictSeek operator;
        try {
            operator = DictSeek.of(args.get(1).toText());
        } catch (IllegalArgumentException notAnOperator) {
            throw ValkeyException.error(notAnOperator.getMessage());
        }
        boolean backwards = direction(args.get(3));
        long count = count(args.get(4));
        List<Map.Entry<ValkeyString, ValkeyString>> found = new ArrayList<>();
        try (DictIterator walk = ENTRIES.seek(operator, args.get(2))) {
            // Either step gives the entry the seek found first, then goes on its way.
            while (found.size() < count) {
                Map.Entry<ValkeyString, ValkeyString> entry = backwards ? walk.previousEntry() : walk.nextEntry();
                if (entry == null) break;
                found.add(entry);
            }
        }
        ctx.replyArray(found.size() * 2L);
        for (Map.Entry<ValkeyString, ValkeyString> entry : found) {
            ctx.reply(entry.getKey());
            ctx.reply(entry.getValue());
        }
    }

    private static void range(CommandContext ctx, List<ValkeyString> args) {
        ValkeyString start = args.get(1);
        ValkeyString end = args.get(2);
        long count = count(args.get(3));
        boolean descending = start.compareTo(end) > 0;
        List<ValkeyString> keys = new ArrayList<>();
        if (descending) {
            try (DictIterator walk = ENTRIES.seek(DictSeek.LESS_OR_EQUAL, start)) {
                for (Map.Entry<ValkeyString, ValkeyString> e = walk.previousEntry(); e != null && keys.size() < count; e = walk.previousEntry()) {
                    if (!walk.currentIs(DictSeek.GREATER_OR_EQUAL, end)) break;
                    keys.add(e.getKey());
                }
            }
        } else {
            for (Map.Entry<ValkeyString, ValkeyString> e : ENTRIES.range(start, end, count)) keys.add(e.getKey());
        }
        ctx.reply(keys);
    }

    private static boolean direction(ValkeyString arg) {
        if (arg.equalsIgnoreCase("NEXT")) return false;
        if (arg.equalsIgnoreCase("PREV")) return true;
        throw ValkeyException.error("the direction must be NEXT or PREV");
    }

    private static long count(ValkeyString arg) {
        Long count = arg.toLongOrNull();
        if (count == null || count < 0) throw ValkeyException.error("count must be a non-negative integer");
        return count;
    }
}
