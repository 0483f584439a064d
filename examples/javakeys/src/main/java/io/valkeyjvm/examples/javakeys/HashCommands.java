package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.HashSetFlag;
import io.valkeyjvm.core.HashValue;
import io.valkeyjvm.core.ValkeyString;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A key's hash through {@link HashValue}: set several fields at once, only new ones (NX) or only
 * existing ones (XX), and read several at once. A key holding anything else is the server's
 * WRONGTYPE error.
 */
final class HashCommands {
    private HashCommands() {}

    static List<CommandDefinition> all() {
        return List.of(set(), get());
    }

    /**
     * {@code JAVAKEYS.HSET key [NX|XX] field value [field value ...]}: sets the fields, all of them,
     * only those the hash lacks (NX) or only those it has (XX); replies how many it set. The
     * number of arguments tells whether NX or XX is the condition or a field name ({@code HSET key NX
     * value} sets the field NX).
     */
    static CommandDefinition set() {
        return CommandDefinition.builder("javakeys.hset")
                .arity(-4)
                .flags("write deny-oom fast")
                .keys(1, 1, 1)
                .summary("Sets hash fields, optionally only new (NX) or only existing (XX) ones; replies how many it set.")
                .handler((ctx, args) -> {
                    // COUNT_ALL: the count includes the fields inserted, not only those updated.
                    Set<HashSetFlag> flags = EnumSet.of(HashSetFlag.COUNT_ALL);
                    int firstField = 2;
                    boolean hasCondition = args.size() % 2 == 1;
                    if (hasCondition && args.get(2).equalsIgnoreCase("NX")) flags.add(HashSetFlag.NX);
                    else if (hasCondition && args.get(2).equalsIgnoreCase("XX")) flags.add(HashSetFlag.XX);
                    else hasCondition = false;
                    if (hasCondition) firstField = 3;
                    ctx.requireArity((args.size() - firstField) % 2 == 0);
                    Map<ValkeyString, ValkeyString> changes = new LinkedHashMap<>();
                    for (int i = firstField; i < args.size(); i += 2) changes.put(args.get(i), args.get(i + 1));
                    HashValue hash = ctx.openKeyForWrite(args.get(1)).hash();
                    ctx.reply(hash.set(changes, flags));
                })
                .build();
    }

    /** {@code JAVAKEYS.HGET key field [field ...]}: the fields' values in order, null for those the hash lacks. */
    static CommandDefinition get() {
        return CommandDefinition.builder("javakeys.hget")
                .arity(-3)
                .flags("readonly fast")
                .keys(1, 1, 1)
                .summary("Replies the values of hash fields, null for a missing field.")
                .handler((ctx, args) -> ctx.reply(ctx.openKey(args.get(1)).hash().get(args.subList(2, args.size()))))
                .build();
    }
}
