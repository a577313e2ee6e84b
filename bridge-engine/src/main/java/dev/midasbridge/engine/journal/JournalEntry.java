package dev.midasbridge.engine.journal;

import dev.midasbridge.core.ApiVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One journaled order: what was asked (kind, version, the order number sent on the wire, amount, the deduction a
 * refund refers to, texts) and where it stands. Everything needed to call again after a crash, except the
 * player's session_key, which is never stored.
 */
public record JournalEntry(
        JournalKey key,
        OrderKind kind,
        ApiVersion version,
        String wireOrderNo,
        OptionalLong amount,
        Optional<String> relatedOrderNo,
        Optional<String> item,
        Optional<String> remark,
        Optional<String> userIp,
        OrderStatus status,
        int attempts,
        boolean maybeApplied,
        boolean flagged,
        OptionalLong balanceAfter,
        OptionalLong presentUsed,
        Optional<ErrorRecord> lastError,
        Instant createdAt,
        Instant updatedAt) {

    public JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(wireOrderNo, "wireOrderNo");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(relatedOrderNo, "relatedOrderNo");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(remark, "remark");
        Objects.requireNonNull(userIp, "userIp");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(balanceAfter, "balanceAfter");
        Objects.requireNonNull(presentUsed, "presentUsed");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new intent: PENDING, no attempt yet. */
    public static JournalEntry intent(
            JournalKey key,
            OrderKind kind,
            ApiVersion version,
            String wireOrderNo,
            OptionalLong amount,
            Optional<String> relatedOrderNo,
            Optional<String> item,
            Optional<String> remark,
            Optional<String> userIp,
            Instant now) {
        return new JournalEntry(
                key,
                kind,
                version,
                wireOrderNo,
                amount,
                relatedOrderNo,
                item,
                remark,
                userIp,
                OrderStatus.PENDING,
                0,
                false,
                false,
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                now,
                now);
    }

    /** Whether {@code other} asks for the same thing (kind, amount, related order, texts), ignoring its state. */
    public boolean sameRequestAs(JournalEntry other) {
        return kind == other.kind
                && amount.equals(other.amount)
                && relatedOrderNo.equals(other.relatedOrderNo)
                && item.equals(other.item)
                && remark.equals(other.remark);
    }

    JournalEntry withState(
            OrderStatus status,
            int attempts,
            boolean maybeApplied,
            boolean flagged,
            OptionalLong balanceAfter,
            OptionalLong presentUsed,
            Optional<ErrorRecord> lastError,
            Instant updatedAt) {
        return new JournalEntry(
                key,
                kind,
                version,
                wireOrderNo,
                amount,
                relatedOrderNo,
                item,
                remark,
                userIp,
                status,
                attempts,
                maybeApplied,
                flagged,
                balanceAfter,
                presentUsed,
                lastError,
                createdAt,
                updatedAt);
    }
}
