package dev.midasbridge.cli.audit;

import dev.midasbridge.core.order.OrderNoRules;

/**
 * Shows an order number read as bytes so that a user sees exactly what is in the file: UTF-8 characters as
 * themselves, control and invisible formatting characters as {@code \u0000}, bytes that are not UTF-8 as
 * {@code \xff}, and {@code "} and {@code \} with a backslash. Long values are cut after {@value #MAX_SHOWN}
 * characters.
 */
final class Escape {
    /** How many characters of a value are shown before "...". */
    static final int MAX_SHOWN = 100;

    private Escape() {}

    /** The value of {@code len} bytes at {@code from}, escaped and cut to {@value #MAX_SHOWN} characters. */
    static String bytes(byte[] b, int from, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, MAX_SHOWN) + 8);
        int shown = 0;
        int i = from;
        int end = from + len;
        while (i < end) {
            if (shown == MAX_SHOWN) {
                return sb.append("...").toString();
            }
            int n = sequenceLength(b, i, end);
            if (n == 0) {
                sb.append(String.format("\\x%02x", b[i] & 0xff));
                i++;
            } else {
                sb.append(character(codePoint(b, i, n)));
                i += n;
            }
            shown++;
        }
        return sb.toString();
    }

    /**
     * What the rules need of a value, in one pass and without copying it (a "line" of a binary file can be
     * huge): how many characters it has (code points, each stray byte counting as one), and the first character
     * outside {@code 0-9 A-Z a-z _ -}, escaped, with its index ({@code null} and -1 when there is none).
     */
    record Summary(int characters, String firstDisallowed, int firstDisallowedIndex) {}

    static Summary summary(byte[] b, int from, int len) {
        int count = 0;
        String bad = null;
        int badIndex = -1;
        int i = from;
        int end = from + len;
        while (i < end) {
            int n = sequenceLength(b, i, end);
            if (bad == null && (n != 1 || !OrderNoRules.isAllowedChar(b[i]))) {
                bad = n == 0 ? String.format("\\x%02x", b[i] & 0xff) : character(codePoint(b, i, n));
                badIndex = count;
            }
            i += Math.max(n, 1);
            count++;
        }
        return new Summary(count, bad, badIndex);
    }

    private static String character(int cp) {
        if (cp == '"' || cp == '\\') {
            return "\\" + (char) cp;
        }
        if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || cp == 0x2028 || cp == 0x2029) {
            return cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
        }
        return new String(Character.toChars(cp));
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 when the byte there does not start one. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return 1;
        }
        int n;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + n > end) {
            return 0;
        }
        for (int k = 1; k < n; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        int cp = codePoint(b, i, n);
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        return n;
    }

    private static int codePoint(byte[] b, int i, int n) {
        int c = b[i] & 0xff;
        if (n == 1) {
            return c;
        }
        int cp = c & (0xff >> (n + 1));
        for (int k = 1; k < n; k++) {
            cp = (cp << 6) | (b[i + k] & 0x3f);
        }
        return cp;
    }
}
