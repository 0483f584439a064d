package io.valkeyjvm.examples.javakeys;

import io.valkeyjvm.core.KeyOpenFlag;
import io.valkeyjvm.core.ValkeyException;
import io.valkeyjvm.core.ValkeyString;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reading the commands' arguments: numbers with their bounds, option words. Each failure is an
 * error reply that names what was wrong; the server goes on.
 */
final class Arguments {
    private Arguments() {}

    /**
     * {@code arg} as an integer of at least 0.
     *
     * @throws ValkeyException {@code ERR value is not an integer or out of range} if it is no integer,
     *     {@code ERR <what> must not be negative} if it is negative
     */
    static long nonNegative(ValkeyString arg, String what) {
        long value = arg.toLong();
        if (value < 0) throw ValkeyException.error(what + " must not be negative");
        return value;
    }

    /**
     * {@code arg} as an integer of at least 1.
     *
     * @throws ValkeyException {@code ERR value is not an integer or out of range} if it is no integer,
     *     {@code ERR <what> must be positive} if it is 0 or less
     */
    static long positive(ValkeyString arg, String what) {
        long value = arg.toLong();
        if (value <= 0) throw ValkeyException.error(what + " must be positive");
        return value;
    }

    /**
     * The open flags named by {@code words}: NOTOUCH, NONOTIFY, NOSTATS, NOEXPIRE, NOEFFECTS, in any
     * case and order.
     *
     * @throws ValkeyException {@code ERR unknown open flag '...'} for any other word
     */
    static Set<KeyOpenFlag> openFlags(List<ValkeyString> words) {
        Set<KeyOpenFlag> flags = EnumSet.noneOf(KeyOpenFlag.class);
        for (ValkeyString word : words) flags.add(openFlag(word));
        return flags;
    }

    private static KeyOpenFlag openFlag(ValkeyString word) {
        if (word.equalsIgnoreCase("NOTOUCH")) return KeyOpenFlag.NO_TOUCH;
        if (word.equalsIgnoreCase("NONOTIFY")) return KeyOpenFlag.NO_NOTIFY;
        if (word.equalsIgnoreCase("NOSTATS")) return KeyOpenFlag.NO_STATS;
        if (word.equalsIgnoreCase("NOEXPIRE")) return KeyOpenFlag.NO_EXPIRE;
        if (word.equalsIgnoreCase("NOEFFECTS")) return KeyOpenFlag.NO_EFFECTS;
        throw ValkeyException.error("unknown open flag '" + word + "' (NOTOUCH, NONOTIFY, NOSTATS, NOEXPIRE or NOEFFECTS)");
    }

    /**
     * True for HEAD, false for TAIL (any case).
     *
     * @throws ValkeyException {@code ERR the end must be HEAD or TAIL} otherwise
     */
    static boolean isHead(ValkeyString end) {
        if (end.equalsIgnoreCase("HEAD")) return true;
        if (end.equalsIgnoreCase("TAIL")) return false;
        throw ValkeyException.error("the end must be HEAD or TAIL");
    }

    /**
     * True if {@code args} has the word REV at {@code index}, false if it ends before it.
     *
     * @throws ValkeyException {@code ERR syntax error} for anything else there, or after it
     */
    static boolean optionalRev(List<ValkeyString> args, int index) {
        if (args.size() == index) return false;
        if (args.size() == index + 1 && args.get(index).equalsIgnoreCase("REV")) return true;
        throw ValkeyException.error("syntax error");
    }
}
