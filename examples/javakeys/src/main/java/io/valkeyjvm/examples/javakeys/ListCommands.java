package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ListValue;
import io.valkeyjvm.core.ValkeyString;
import java.util.List;

/**
 * A key's list through {@link ListValue}: push and pop at either end, read, replace, insert and
 * delete by index (0 is the head, -1 the tail). Pushing to a missing key creates the list; popping
 * its last element deletes the key. An index past the list is {@code ERR index out of bounds}; a
 * key holding anything else is the server's WRONGTYPE error.
 */
final class ListCommands {
    private ListCommands() {}

    static List<CommandDefinition> all() {
        return List.of(push(), pop(), get(), set(), insert(), delete());
    }

    /** {@code JAVAKEYS.PUSH key HEAD|TAIL element [element ...]}: adds the elements at that end, in order; replies the new length. */
    static CommandDefinition push() {
        return CommandDefinition.builder("javakeys.push")
                .arity(-4)
                .flags("write deny-oom fast")
                .keys(1, 1, 1)
                .summary("Pushes elements at the list's HEAD or TAIL; replies its new length.")
                .handler((ctx, args) -> {
                    boolean head = Arguments.isHead(args.get(2));
                    ListValue list = ctx.openKeyForWrite(args.get(1)).list();
                    for (ValkeyString element : args.subList(3, args.size())) {
                        if (head) list.pushFirst(element);
                        else list.pushLast(element);
                    }
                    ctx.reply(list.size());
                })
                .build();
    }

    /** {@code JAVAKEYS.POP key HEAD|TAIL}: removes and replies the element at that end, or null if there is none. */
    static CommandDefinition pop() {
        return CommandDefinition.builder("javakeys.pop")
                .arity(3)
                .flags("write fast")
                .keys(1, 1, 1)
                .summary("Pops the element at the list's HEAD or TAIL; null if the list is empty.")
                .handler((ctx, args) -> {
                    boolean head = Arguments.isHead(args.get(2));
                    ListValue list = ctx.openKeyForWrite(args.get(1)).list();
                    ValkeyString element = head ? list.popFirst() : list.popLast();
                    if (element == null) ctx.replyNull();
                    else ctx.reply(element);
                })
                .build();
    }

    /** {@code JAVAKEYS.LGET key index}: the element at the index. */
    static CommandDefinition get() {
        return CommandDefinition.builder("javakeys.lget")
                .arity(3)
                .flags("readonly fast")
                .keys(1, 1, 1)
                .summary("Replies the list element at index (negative from the tail).")
                .handler((ctx, args) -> {
                    long index = args.get(2).toLong();
                    ctx.reply(ctx.openKey(args.get(1)).list().get(index));
                })
                .build();
    }

    /** {@code JAVAKEYS.LSET key index element}: replaces the element at the index. */
    static CommandDefinition set() {
        return CommandDefinition.builder("javakeys.lset")
                .arity(4)
                .flags("write deny-oom")
                .keys(1, 1, 1)
                .summary("Replaces the list element at index.")
                .handler((ctx, args) -> {
                    long index = args.get(2).toLong();
                    ctx.openKeyForWrite(args.get(1)).list().set(index, args.get(3));
                    ctx.replyOk();
                })
                .build();
    }

    /**
     * {@code JAVAKEYS.LINSERT key index element}: inserts the element so that it is then at the
     * index: before the element there counting from the head (the length appends), after it
     * counting from the tail (-1 appends). Replies the new length.
     */
    static CommandDefinition insert() {
        return CommandDefinition.builder("javakeys.linsert")
                .arity(4)
                .flags("write deny-oom")
                .keys(1, 1, 1)
                .summary("Inserts an element at index; replies the list's new length.")
                .handler((ctx, args) -> {
                    long index = args.get(2).toLong();
                    ListValue list = ctx.openKeyForWrite(args.get(1)).list();
                    list.insert(index, args.get(3));
                    ctx.reply(list.size());
                })
                .build();
    }

    /** {@code JAVAKEYS.LDEL key index}: removes the element at the index; replies the new length. */
    static CommandDefinition delete() {
        return CommandDefinition.builder("javakeys.ldel")
                .arity(3)
                .flags("write")
                .keys(1, 1, 1)
                .summary("Removes the list element at index; replies the list's new length.")
                .handler((ctx, args) -> {
                    long index = args.get(2).toLong();
                    ListValue list = ctx.openKeyForWrite(args.get(1)).list();
                    list.delete(index);
                    ctx.reply(list.size());
                })
                .build();
    }
}
