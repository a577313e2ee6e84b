package dev.midasbridge.engine.journal;

import dev.midasbridge.core.operation.Receipt;
import java.util.Objects;
import java.util.Optional;

/**
 * How an attempt ended, as written to the journal by {@link Journal#finish}: the status, whether the order may have
 * been applied, the server's receipt (when applied), the error (when not), and the line for the order's history.
 */
public record Resolution(
        OrderStatus status,
        boolean maybeApplied,
        Optional<Receipt> receipt,
        Optional<ErrorRecord> error,
        String event) {
    public Resolution {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(event, "event");
    }

    /** Applied, with the server's receipt (addressed to the caller's order number). */
    public static Resolution applied(Receipt receipt, String event) {
        return new Resolution(OrderStatus.APPLIED, true, Optional.of(receipt), Optional.empty(), event);
    }

    public static Resolution of(OrderStatus status, boolean maybeApplied, ErrorRecord error, String event) {
        return new Resolution(status, maybeApplied, Optional.empty(), Optional.ofNullable(error), event);
    }
}
