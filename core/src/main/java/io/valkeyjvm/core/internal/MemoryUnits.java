package io.valkeyjvm.core.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Memory amounts as the server's config file writes them: 100, 1k, 1kb, 64mb, 2gb (k = 1000, kb = 1024). */
final class MemoryUnits {
    private static final String[][] UNITS = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"}, {"m", "1000000"},
            {"g", "1000000000"}, {"b", "1"}};

    private MemoryUnits() {}

    /** A signed amount, or null if {@code text} is not one or it overflows a long. */
    static @Nullable Long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = unit(s);
        s = withoutUnit(s);
        try {
            return Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** An unsigned 64-bit amount (its bits in a long), or null if {@code text} is not one or it exceeds 2^64-1. */
    static @Nullable Long parseUnsigned(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = unit(s);
        Long n = unsigned(withoutUnit(s));
        if (n == null || Long.compareUnsigned(n, Long.divideUnsigned(-1L, unit)) > 0) return null;
        return n * unit;
    }

    /** Plain decimal digits as an unsigned 64-bit number (its bits in a long), or null (a sign, other characters, overflow). */
    static @Nullable Long unsigned(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return null;
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long unit(String s) {
        for (String[] u : UNITS) if (s.endsWith(u[0])) return Long.parseLong(u[1]);
        return 1;
    }

    private static String withoutUnit(String s) {
        for (String[] u : UNITS) if (s.endsWith(u[0])) return s.substring(0, s.length() - u[0].length());
        return s;
    }
}
