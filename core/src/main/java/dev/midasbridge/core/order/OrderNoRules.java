package dev.midasbridge.core.order;

import dev.midasbridge.core.ApiVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The order-number ({@code bill_no}) rules of both versions (API.md section 3): 1 to 63 characters of
 * {@code 0-9 A-Z a-z _ -}; pay_v2 also forbids a leading {@code '_'}.
 */
public final class OrderNoRules {
    /** The longest order number either version accepts. */
    public static final int MAX_LENGTH = 63;

    private static final boolean[] ALLOWED = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ALLOWED[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALLOWED[c] = true;
        }
        ALLOWED['_'] = true;
        ALLOWED['-'] = true;
    }

    private OrderNoRules() {}

    /** Every rule {@code value} breaks as a {@code bill_no} of {@code version}; empty when it is valid. */
    public static List<OrderNoViolation> check(String value, ApiVersion version) {
        return check("bill_no", value, version);
    }

    /** As {@link #check(String, ApiVersion)}, naming the field differently (e.g. {@code pay_bill_no}). */
    public static List<OrderNoViolation> check(String field, String value, ApiVersion version) {
        if (value == null) {
            value = "";
        }
        List<OrderNoViolation> out = new ArrayList<>(2);
        if (value.isEmpty()) {
            out.add(new OrderNoViolation(field, value, version, OrderNoRule.NOT_EMPTY, ""));
            return out;
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            out.add(new OrderNoViolation(field, value, version, OrderNoRule.MAX_LENGTH, " (it has " + length + ")"));
        }
        int bad = firstDisallowed(value);
        if (bad >= 0) {
            int cp = value.codePointAt(bad);
            out.add(new OrderNoViolation(
                    field, value, version, OrderNoRule.ALPHABET, " (found " + describe(cp) + " at index " + bad + ")"));
        }
        if (version == ApiVersion.PAY_V2 && value.charAt(0) == '_') {
            out.add(new OrderNoViolation(field, value, version, OrderNoRule.NO_LEADING_UNDERSCORE, ""));
        }
        return out;
    }

    /** Whether {@code value} is a valid {@code bill_no} for {@code version}; allocation-free. */
    public static boolean isValid(CharSequence value, ApiVersion version) {
        int n = value == null ? 0 : value.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        if (version == ApiVersion.PAY_V2 && value.charAt(0) == '_') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 128 || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code c} is one of {@code 0-9 A-Z a-z _ -}. */
    public static boolean isAllowedChar(int c) {
        return c >= 0 && c < 128 && ALLOWED[c];
    }

    private static int firstDisallowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !ALLOWED[c]) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(int cp) {
        if (cp == ' ') {
            return "a space";
        }
        if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    /** The value in double quotes with control characters escaped, for messages. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('"').toString();
    }
}
