package io.valkeyjvm.examples.javactx;

import io.valkeyjvm.core.CommandArg;
import io.valkeyjvm.core.CommandArgType;
import io.valkeyjvm.core.CommandContext;
import io.valkeyjvm.core.CommandDefinition;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.List;

/**
 * {@link ValkeyString}: binary-safe strings made from bytes, longs and doubles, numbers parsed by
 * the server's rules with errors that name the argument, comparison in the server's byte order,
 * and appending. None of these commands touch the keyspace.
 */
final class StringCommands {
    private StringCommands() {}

    static List<CommandDefinition.Builder> commands() {
        return List.of(
                CommandDefinition.builder("javactx.str.incrby")
                        .arity(3)
                        .flags("readonly fast")
                        .summary("number + increment, both 64-bit integers, as a bulk string (the way INCRBY counts, without a key).")
                        .since("1.0.0")
                        .args(CommandArg.integer("number"), CommandArg.integer("increment"))
                        .handler(StringCommands::incrBy),
                CommandDefinition.builder("javactx.str.incrbyfloat")
                        .arity(3)
                        .flags("readonly fast")
                        .summary("number + increment as doubles, written as the server writes doubles (3.0 is 3).")
                        .since("1.0.0")
                        .args(CommandArg.of("number", CommandArgType.DOUBLE), CommandArg.of("increment", CommandArgType.DOUBLE))
                        .handler(StringCommands::incrByFloat),
                CommandDefinition.builder("javactx.str.compare")
                        .arity(3)
                        .flags("readonly fast")
                        .summary("-1, 0 or 1 as a sorts before, equal to or after b, byte by byte (unsigned), as the server orders strings.")
                        .since("1.0.0")
                        .args(CommandArg.string("a"), CommandArg.string("b"))
                        .handler((ctx, args) -> ctx.reply(Integer.signum(args.get(1).compareTo(args.get(2))))),
                CommandDefinition.builder("javactx.str.append")
                        .arity(-2)
                        .flags("readonly fast")
                        .summary("Its arguments joined into one string, byte for byte.")
                        .complexity("O(N) where N is the total length")
                        .since("1.0.0")
                        .args(CommandArg.string("part").multiple())
                        .handler(StringCommands::append),
                CommandDefinition.builder("javactx.str.reverse")
                        .arity(2)
                        .flags("readonly fast")
                        .summary("Its argument's bytes in reverse order: any bytes, NUL included.")
                        .complexity("O(N) where N is the length")
                        .since("1.0.0")
                        .args(CommandArg.string("value"))
                        .handler(StringCommands::reverse));
    }

    private static void incrBy(CommandContext ctx, List<ValkeyString> args) {
        long number = integer(args.get(1), "number");
        long increment = integer(args.get(2), "increment");
        long sum;
        try {
            sum = Math.addExact(number, increment);
        } catch (ArithmeticException overflow) {
            throw ValkeyException.error("increment or decrement would overflow");
        }
        ctx.reply(ValkeyString.of(sum));
    }

    private static void incrByFloat(CommandContext ctx, List<ValkeyString> args) {
        double sum = decimal(args.get(1), "number") + decimal(args.get(2), "increment");
        if (Double.isNaN(sum) || Double.isInfinite(sum)) throw ValkeyException.error("increment would produce NaN or Infinity");
        ctx.reply(ValkeyString.of(sum));
    }

    private static void append(CommandContext ctx, List<ValkeyString> args) {
        ValkeyString joined = ValkeyString.of(new byte[0]);
        for (ValkeyString part : args.subList(1, args.size())) joined = joined.concat(part);
        ctx.reply(joined);
    }

    private static void reverse(CommandContext ctx, List<ValkeyString> args) {
        byte[] bytes = args.get(1).toByteArray();
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        ctx.reply(ValkeyString.of(bytes));
    }

    /** {@code arg} as a 64-bit integer, or an error that says which argument is not one. */
    private static long integer(ValkeyString arg, String name) {
        Long value = arg.toLongOrNull();
        if (value == null) throw ValkeyException.error("'" + name + "' is not an integer or out of range");
        return value;
    }

    /** {@code arg} as a double, or an error that says which argument is not one. */
    private static double decimal(ValkeyString arg, String name) {
        Double value = arg.toDoubleOrNull();
        if (value == null) throw ValkeyException.error("'" + name + "' is not a valid float");
        return value;
    }
}
