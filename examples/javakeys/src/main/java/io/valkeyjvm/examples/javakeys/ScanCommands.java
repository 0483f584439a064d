package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ScanCursor;
import io.valkeyjvm.core.ValkeyString;
import java.util.ArrayList;
import java.util.List;

/**
 * Scanning: the names of the keys of the selected database, a step at a time with a
 * {@link ScanCursor}, and the elements of one hash, set or sorted set. Both have SCAN's
 * guarantee: what is there from start to end is seen, maybe twice if the keyspace (or the key)
 * grows meanwhile.
 */
final class ScanCommands {
    private ScanCommands() {}

    static List<CommandDefinition> all() {
        return List.of(keys(), elements());
    }

    /**
     * {@code JAVAKEYS.KEYS [prefix]}: the names of the selected database's keys (those that start
     * with the prefix), scanned step by step with a cursor as SCAN does, in this one call. A module
     * that keeps the cursor between calls goes on where it stopped.
     */
    static CommandDefinition keys() {
        return CommandDefinition.builder("javakeys.keys")
                .arity(-1)
                .flags("readonly")
                .summary("Replies the names of the keys (starting with prefix, if given), scanned with a cursor.")
                .handler((ctx, args) -> {
                    ctx.requireArity(args.size() <= 2);
                    ValkeyString prefix = args.size() == 2 ? args.get(1) : ValkeyString.of("");
                    List<ValkeyString> names = new ArrayList<>();
                    try (ScanCursor cursor = ScanCursor.create()) {
                        boolean more;
                        do {
                            // One step: a few keys (maybe none), then whether the scan goes on.
                            more = ctx.scanKeys(cursor, name -> {
                                if (name.startsWith(prefix)) names.add(name);
                            });
                        } while (more);
                    }
                    ctx.reply(names);
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.ELEMENTS key}: every element of a hash ({@code [field, value]}), set
     * ({@code [member, null]}) or sorted set ({@code [member, score]}), as an array of pairs;
     * empty for a missing key, WRONGTYPE for a string, list or stream.
     */
    static CommandDefinition elements() {
        return CommandDefinition.builder("javakeys.elements")
                .arity(2)
                .flags("readonly")
                .keys(1, 1, 1)
                .summary("Replies the elements of a hash, set or sorted set as [element, value] pairs.")
                .handler((ctx, args) -> {
                    List<Element> elements = new ArrayList<>();
                    ctx.openKey(args.get(1)).scanElements((element, value) -> elements.add(new Element(element, value)));
                    ctx.replyArray(elements.size());
                    for (Element element : elements) {
                        ctx.replyArray(2);
                        ctx.reply(element.name());
                        if (element.value() == null) ctx.replyNull();
                        else ctx.reply(element.value());
                    }
                })
                .build();
    }

    /** An element of a key: a field and its value, a set's member (value null), a member and its score. */
    private record Element(ValkeyString name, ValkeyString value) {}
}
