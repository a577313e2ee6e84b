package dev.midasbridge.core.order;

/** One rule an order number ({@code bill_no}) must keep; which versions enforce it is in {@link OrderNoRules}. */
public enum OrderNoRule {
    NOT_EMPTY("it must not be empty"),
    MAX_LENGTH("it must be at most " + OrderNoRules.MAX_LENGTH + " characters long"),
    ALPHABET("it may only contain 0-9, A-Z, a-z, '_' and '-'"),
    NO_LEADING_UNDERSCORE("it must not begin with '_'");

    private final String description;

    OrderNoRule(String description) {
        this.description = description;
    }

    /** The rule as the second half of a sentence, e.g. {@code it must not begin with '_'}. */
    public String description() {
        return description;
    }
}
