package dev.midasbridge.engine.journal;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.Operation;
import dev.midasbridge.core.operation.Receipt;
import dev.midasbridge.core.operation.Refund;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One journaled order: the typed operation exactly as it is sent on the wire ({@link Deduction}, {@link Grant} or
 * {@link Refund}, carrying the wire order numbers), the version it is sent to, where it stands, and, once applied,
 * the server's {@link Receipt} (addressed to the caller's order number, {@link JournalKey#orderNo()}). Everything
 * needed to call again after a crash, except the player's session_key, which is never stored.
 */
public record JournalEntry(
        JournalKey key,
        ApiVersion version,
        Operation operation,
        OrderStatus status,
        int attempts,
        boolean maybeApplied,
        boolean flagged,
        Optional<Receipt> receipt,
        Optional<ErrorRecord> lastError,
        Instant createdAt,
        Instant updatedAt) {

    public JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(operation, "operation");
        if (!operation.mutates()) {
            throw new IllegalArgumentException("the journal keeps deductions, grants and refunds, not " + operation);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new intent for {@code operation} (as it goes on the wire) on {@code version}: PENDING, no attempt yet. */
    public static JournalEntry intent(JournalKey key, ApiVersion version, Operation operation, Instant now) {
        return new JournalEntry(
                key,
                version,
                operation,
                OrderStatus.PENDING,
                0,
                false,
                false,
                Optional.empty(),
                Optional.empty(),
                now,
                now);
    }

    /** Which operation this is. */
    public OrderKind kind() {
        return kindOf(operation);
    }

    /** The kind of a coin-moving operation. */
    public static OrderKind kindOf(Operation operation) {
        if (operation instanceof Deduction) {
            return OrderKind.DEDUCT;
        }
        if (operation instanceof Grant) {
            return OrderKind.GRANT;
        }
        if (operation instanceof Refund) {
            return OrderKind.REFUND;
        }
        throw new IllegalArgumentException("not a coin-moving operation: " + operation);
    }

    /** The order number sent on the wire (the refund's own, for a refund). */
    public String wireOrderNo() {
        if (operation instanceof Deduction d) {
            return d.orderNo().value();
        }
        if (operation instanceof Grant g) {
            return g.orderNo().value();
        }
        return ((Refund) operation).refundOrderNo().orElseThrow().value();
    }

    /** The amount sent (empty for a whole midas 1.0 refund). */
    public OptionalLong amount() {
        if (operation instanceof Deduction d) {
            return OptionalLong.of(d.amount());
        }
        if (operation instanceof Grant g) {
            return OptionalLong.of(g.amount());
        }
        return ((Refund) operation).amount();
    }

    /** For a refund, the wire order number of the deduction it gives back. */
    public Optional<String> relatedOrderNo() {
        return operation instanceof Refund r ? Optional.of(r.deductionOrderNo().value()) : Optional.empty();
    }

    public Optional<String> item() {
        if (operation instanceof Deduction d) {
            return d.item();
        }
        return operation instanceof Refund r ? r.item() : Optional.empty();
    }

    public Optional<String> remark() {
        return operation instanceof Deduction d ? d.remark() : Optional.empty();
    }

    /** The balance after the order, as its receipt says (when known). */
    public OptionalLong balanceAfter() {
        long b = -1;
        if (receipt.isPresent() && receipt.get() instanceof DeductionReceipt r) {
            b = r.balance();
        } else if (receipt.isPresent() && receipt.get() instanceof GrantReceipt r) {
            b = r.balance();
        }
        return b < 0 ? OptionalLong.empty() : OptionalLong.of(b);
    }

    /** The present coins a deduction used, as its receipt says (when known). */
    public OptionalLong presentUsed() {
        return receipt.isPresent() && receipt.get() instanceof DeductionReceipt r
                ? OptionalLong.of(r.presentUsed())
                : OptionalLong.empty();
    }

    /** Whether {@code other} asks for the same thing (kind, amount, related order, texts), ignoring its state. */
    public boolean sameRequestAs(JournalEntry other) {
        return kind() == other.kind()
                && amount().equals(other.amount())
                && relatedOrderNo().equals(other.relatedOrderNo())
                && item().equals(other.item())
                && remark().equals(other.remark());
    }

    /** This order in another state. */
    public JournalEntry withState(
            OrderStatus status,
            int attempts,
            boolean maybeApplied,
            boolean flagged,
            Optional<Receipt> receipt,
            Optional<ErrorRecord> lastError,
            Instant updatedAt) {
        return new JournalEntry(
                key,
                version,
                operation,
                status,
                attempts,
                maybeApplied,
                flagged,
                receipt,
                lastError,
                createdAt,
                updatedAt);
    }
}
