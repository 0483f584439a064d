package io.valkeyjvm.core;

import java.math.BigDecimal;
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

    private static final long UNSIGNED_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);

    /** Digits only, no leading zeros, at most 2^64-1; the result's bits are the unsigned value. */
    static @Nullable Long parseUnsignedLong(byte[] s) {
        int length = s.length;
        if (length == 0 || length > 20) return null;
        if (length == 1 && s[0] == '0') return 0L;
        if (s[0] < '1' || s[0] > '9') return null;
        long value = 0;
        for (byte b : s) {
            int digit = b - '0';
            if (digit < 0 || digit > 9) return null;
            if (Long.compareUnsigned(value, UNSIGNED_MAX_DIV_10) > 0) return null;
            long next = value * 10 + digit;
            if (Long.compareUnsigned(next, value * 10) < 0) return null; // wrapped past 2^64-1
            value = next;
        }
        return value;
    }

    /** Plain decimal or scientific notation, as BigDecimal reads it; no spaces, no inf or nan. */
    static @Nullable BigDecimal parseDecimal(byte[] s) {
        if (s.length == 0 || s.length > 5120) return null;
        for (byte b : s) {
            boolean decimal = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!decimal) return null;
        }
        try {
            return new BigDecimal(new String(s, StandardCharsets.US_ASCII));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The server's d2string: the integer form where exact, else the shortest digits (fpconv's layout). */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return 1.0 / d < 0 ? "-0" : "0";
        // double2ll: integral values well inside the long range print as integers
        if (d >= -4.611686018427388E18 && d <= 4.611686018427388E18 && d == Math.rint(d)) return Long.toString((long) d);
        boolean negative = d < 0;
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int k = -shortest.scale(); // value = digits * 10^k
        int ndigits = digits.length();
        int exp = Math.abs(k + ndigits - 1);
        StringBuilder out = new StringBuilder(negative ? "-" : "");
        if (k >= 0 && exp < ndigits + 7) {
            out.append(digits);
            for (int i = 0; i < k; i++) out.append('0');
        } else if (k < 0 && (k > -7 || exp < 4)) {
            int offset = ndigits + k;
            if (offset <= 0) {
                out.append("0.");
                for (int i = 0; i < -offset; i++) out.append('0');
                out.append(digits);
            } else {
                out.append(digits, 0, offset).append('.').append(digits, offset, ndigits);
            }
        } else {
            int kept = Math.min(ndigits, 18 - (negative ? 1 : 0));
            out.append(digits.charAt(0));
            if (kept > 1) out.append('.').append(digits, 1, kept);
            out.append('e').append(k + ndigits - 1 < 0 ? '-' : '+');
            out.append(exp);
        }
        return out.toString();
    }
}
