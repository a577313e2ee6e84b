package dev.midasbridge.core.order;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An order number ({@code bill_no}): immutable, valid for at least midas 1.0 (whose rules pay_v2's include), and
 * knowing for which versions it is valid. The rules are checked once, when it is made ({@link #of}); after that
 * {@link #isValidFor} and {@link #requireValidFor} only look at the versions found then, so layers between the caller
 * and the wire do not check the text again.
 */
public final class OrderNo implements Comparable<OrderNo> {
    private static final ApiVersion[] VERSIONS = ApiVersion.values();

    private final String value;
    /** Bit {@code v.ordinal()} set: valid for version {@code v}. */
    private final int validFor;

    private OrderNo(String value, int validFor) {
        this.value = value;
        this.validFor = validFor;
    }

    /**
     * An order number valid for midas 1.0 (the looser rules), with the versions it is valid for worked out once;
     * throws {@link InvalidInputException} naming every broken rule otherwise.
     */
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
        int valid = 0;
        for (ApiVersion v : VERSIONS) {
            if (OrderNoRules.isValid(value, v)) {
                valid |= 1 << v.ordinal();
            }
        }
        if ((valid & (1 << version.ordinal())) == 0) {
            throw invalid(field, value, version);
        }
        return new OrderNo(value, valid);
    }

    /** Whether this order number may be sent to {@code version} (decided when it was made). */
    public boolean isValidFor(ApiVersion version) {
        return (validFor & (1 << version.ordinal())) != 0;
    }

    /** The versions this order number may be sent to. */
    public Set<ApiVersion> validVersions() {
        Set<ApiVersion> out = EnumSet.noneOf(ApiVersion.class);
        for (ApiVersion v : VERSIONS) {
            if (isValidFor(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Returns this order number if {@code version} accepts it; otherwise throws naming the field, rule and version. */
    public OrderNo requireValidFor(ApiVersion version) {
        return requireValidFor("bill_no", version);
    }

    /** As {@link #requireValidFor(ApiVersion)}, naming another field in the error. */
    public OrderNo requireValidFor(String field, ApiVersion version) {
        if (!isValidFor(version)) {
            throw invalid(field, value, version);
        }
        return this;
    }

    /** The order number as sent on the wire. */
    public String value() {
        return value;
    }

    private static InvalidInputException invalid(String field, String value, ApiVersion version) {
        List<OrderNoViolation> violations = OrderNoRules.check(field, value, version);
        StringBuilder sb = new StringBuilder(violations.get(0).message());
        for (int i = 1; i < violations.size(); i++) {
            sb.append("; and ")
                    .append(violations.get(i).rule().description())
                    .append(violations.get(i).detail());
        }
        return InvalidInputException.of(field, version, sb.toString());
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
