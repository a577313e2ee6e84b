package dev.midasbridge.engine.delivery;

import dev.midasbridge.core.Environment;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One push event in the delivery journal, keyed by its {@code dedupKey} (event type + OutTradeNo, or the event's own
 * id). {@code maybeDelivered} is set before each request to the game's handler and cleared only when the handler
 * definitely refused it: a delivery made while it is set is flagged as a possible duplicate.
 *
 * @param payload the event's {@code MiniGame.Payload} string exactly as pushed
 * @param claimOwner the gateway instance delivering it now (empty when nobody is)
 * @param claimUntil until when that claim holds; another instance may take over after it
 * @param matchedClientPayment whether a journaled client payment with the event's OutTradeNo was linked to it
 */
public record DeliveryRecord(
        String dedupKey,
        String event,
        Environment environment,
        Optional<String> outTradeNo,
        Optional<String> openid,
        String payload,
        Instant receivedAt,
        DeliveryStatus status,
        int sendAttempts,
        boolean maybeDelivered,
        Optional<String> claimOwner,
        Instant claimUntil,
        Optional<Instant> deliveredAt,
        boolean matchedClientPayment,
        Optional<String> lastNote) {
    /** The longest dedup key the journal stores. */
    public static final int MAX_KEY_LENGTH = 256;

    public DeliveryRecord {
        Objects.requireNonNull(dedupKey, "dedupKey");
        if (dedupKey.isEmpty() || dedupKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("dedup key: 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(openid, "openid");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(claimOwner, "claimOwner");
        Objects.requireNonNull(claimUntil, "claimUntil");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(lastNote, "lastNote");
    }

    /** A newly received event: nothing sent to the handler yet, nobody delivering it. */
    public static DeliveryRecord received(
            String dedupKey,
            String event,
            Environment environment,
            Optional<String> outTradeNo,
            Optional<String> openid,
            String payload,
            Instant receivedAt) {
        return new DeliveryRecord(
                dedupKey,
                event,
                environment,
                outTradeNo,
                openid,
                payload,
                receivedAt,
                DeliveryStatus.RECEIVED,
                0,
                false,
                Optional.empty(),
                Instant.EPOCH,
                Optional.empty(),
                false,
                Optional.empty());
    }

    /** Whether someone other than {@code owner} holds an unexpired claim at {@code now}. */
    public boolean claimedByOther(String owner, Instant now) {
        return claimOwner.isPresent() && !claimOwner.get().equals(owner) && claimUntil.isAfter(now);
    }
}
