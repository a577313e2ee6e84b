package dev.midasbridge.core.order;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * An order number ({@code bill_no}): immutable, and valid for midas 1.0 (whose rules pay_v2's include).
 * Use {@link #forVersion} or {@link #requireValidFor} where pay_v2's stricter rule applies.
 */
public final class OrderNo implements Comparable<OrderNo> {
    private final String value;

    private OrderNo(String value) {
        this.value = value;
    }

    /** An order number valid for midas 1.0 (the looser rules); throws {@link InvalidInputException} otherwise. */
    public static OrderNo of(String value) {
        return forVersion(value, ApiVersion.MIDAS_V1);
    }

    /** An order number valid for {@code version}; throws {@link InvalidInputException} naming every broken rule. */
    public static OrderNo forVersion(String value, ApiVersion version) {
        return forVersion("bill_no", value, version);
    }

    /** As {@link #forVersion(String, ApiVersion)}, naming another field (e.g. {@code pay_bill_no}) in errors. */
    public static OrderNo forVersion(String field, String value, ApiVersion version) {
        Objects.requireNonNull(version, "version");
        List<OrderNoViolation> violations = OrderNoRules.check(field, value, version);
        if (!violations.isEmpty()) {
            throw InvalidInputException.of(field, version, join(violations));
        }
        return new OrderNo(value);
    }

    /** Whether this order number may be sent to {@code version}. */
    public boolean isValidFor(ApiVersion version) {
        return OrderNoRules.isValid(value, version);
    }

    /** Returns this order number if {@code version} accepts it; otherwise throws naming the rule and version. */
    public OrderNo requireValidFor(ApiVersion version) {
        return requireValidFor("bill_no", version);
    }

    /** As {@link #requireValidFor(ApiVersion)}, naming another field in the error. */
    public OrderNo requireValidFor(String field, ApiVersion version) {
        List<OrderNoViolation> violations = OrderNoRules.check(field, value, version);
        if (!violations.isEmpty()) {
            throw InvalidInputException.of(field, version, join(violations));
        }
        return this;
    }

    /** The order number as sent on the wire. */
    public String value() {
        return value;
    }

    private static String join(List<OrderNoViolation> violations) {
        StringBuilder sb = new StringBuilder(violations.get(0).message());
        for (int i = 1; i < violations.size(); i++) {
            sb.append("; and ")
                    .append(violations.get(i).rule().description())
                    .append(violations.get(i).detail());
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderNo other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(OrderNo o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
