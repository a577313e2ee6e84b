package dev.midasbridge.engine.journal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** How an attempt ended, as written to the journal by {@link Journal#finish}. */
public record Resolution(
        OrderStatus status,
        boolean maybeApplied,
        OptionalLong balanceAfter,
        OptionalLong presentUsed,
        Optional<ErrorRecord> error,
        String event) {
    public Resolution {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(balanceAfter, "balanceAfter");
        Objects.requireNonNull(presentUsed, "presentUsed");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(event, "event");
    }

    public static Resolution applied(OptionalLong balanceAfter, OptionalLong presentUsed, String event) {
        return new Resolution(OrderStatus.APPLIED, true, balanceAfter, presentUsed, Optional.empty(), event);
    }

    public static Resolution of(OrderStatus status, boolean maybeApplied, ErrorRecord error, String event) {
        return new Resolution(
                status, maybeApplied, OptionalLong.empty(), OptionalLong.empty(), Optional.ofNullable(error), event);
    }
}
