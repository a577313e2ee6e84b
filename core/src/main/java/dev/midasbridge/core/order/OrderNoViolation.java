package dev.midasbridge.core.order;

import dev.midasbridge.core.ApiVersion;
import java.util.Objects;

/**
 * One rule that an order number breaks for one API version; {@link #message()} names the value, the
 * rule and the version, e.g. {@code bill_no "_a1" is not valid for pay_v2: it must not begin with '_'}.
 */
public record OrderNoViolation(String field, String value, ApiVersion version, OrderNoRule rule, String detail) {

    public OrderNoViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    /** The full sentence for a user. */
    public String message() {
        return field + " " + OrderNoRules.quote(value) + " is not valid for " + version.label() + ": "
                + rule.description() + detail;
    }

    @Override
    public String toString() {
        return message();
    }
}
