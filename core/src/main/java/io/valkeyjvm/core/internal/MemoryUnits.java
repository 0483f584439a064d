package io.valkeyjvm.core.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Memory amounts as the server's config file writes them: 100, 1k, 1kb, 64mb, 2gb (k = 1000, kb = 1024). */
final class MemoryUnits {
    private MemoryUnits() {}

    static @Nullable Long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
