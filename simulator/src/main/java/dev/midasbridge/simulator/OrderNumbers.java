package dev.midasbridge.simulator;

import java.util.Optional;

/**
 * The stand-in's own order-number rules, from API.md section 3: 1 to 63 characters, each of
 * {@code 0-9 A-Z a-z _ -}; pay_v2 also refuses a leading {@code _}. Written independently of the bridge's rules so
 * that each checks the other (conformance-tests compares them).
 */
final class OrderNumbers {
    /** The longest order number either version takes. */
    static final int MAX_LENGTH = 63;

    private OrderNumbers() {}

    /** Whether {@code c} may appear in an order number. */
    static boolean allowed(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-';
    }

    /** Why {@code value} is not a valid order number for {@code version}, or empty when it is valid. */
    static Optional<String> problem(String value, ApiVersion version) {
        String api = version == ApiVersion.MIDAS_V1 ? "midas_v1" : "pay_v2";
        if (value == null || value.isEmpty()) {
            return Optional.of("it must not be empty (" + api + ")");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("it has " + value.length() + " characters, " + api + " takes at most " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!allowed(c)) {
                String what = c == ' '
                        ? "a space"
                        : c < 0x20 || c == 0x7f || Character.isSurrogate(c)
                                ? "U+"
                                        + Integer.toHexString(0x10000 | c)
                                                .substring(1)
                                                .toUpperCase()
                                : "'" + c + "'";
                return Optional.of("character " + what + " at index " + i + " is not allowed by " + api
                        + " (only 0-9 A-Z a-z _ -)");
            }
        }
        if (version == ApiVersion.PAY_V2 && value.charAt(0) == '_') {
            return Optional.of("pay_v2 order numbers must not begin with '_'");
        }
        return Optional.empty();
    }

    /** Whether {@code value} is a valid order number for {@code version}. */
    static boolean valid(String value, ApiVersion version) {
        return problem(value, version).isEmpty();
    }
}
