package io.valkeyjvm.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Number parsing with the server's rules (string2ll / string2d), so modules accept what core commands accept. */
final class ServerNumbers {
    private ServerNumbers() {}

    static @Nullable Long parseLong(byte[] s) {
        int length = s.length;
        if (length == 0 || length > 20) return null;
        if (length == 1 && s[0] == '0') return 0L;
        int i = 0;
        boolean negative = s[0] == '-';
        if (negative) {
            i = 1;
            if (length == 1) return null;
        }
        if (s[i] < '1' || s[i] > '9') return null;
        long magnitude = 0; // accumulated as a negative number to reach Long.MIN_VALUE
        for (; i < length; i++) {
            int digit = s[i] - '0';
            if (digit < 0 || digit > 9) return null;
            if (magnitude < (Long.MIN_VALUE + digit) / 10) return null;
            magnitude = magnitude * 10 - digit;
        }
        if (negative) return magnitude;
        return magnitude == Long.MIN_VALUE ? null : -magnitude;
    }

    static @Nullable Double parseDouble(byte[] s) {
        if (s.length == 0 || s.length > 5120) return null;
        String text = new String(s, StandardCharsets.US_ASCII);
        switch (text.toLowerCase(Locale.ROOT)) {
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        for (byte b : s) {
            // Decimal notation only: Java's parser would also take spaces, "NaN" and suffixes like "1d".
            boolean decimal = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!decimal) return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
