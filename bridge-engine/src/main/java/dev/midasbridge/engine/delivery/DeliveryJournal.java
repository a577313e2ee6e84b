package dev.midasbridge.engine.delivery;

import dev.midasbridge.core.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The journal of push-event deliveries and of the client payments they are matched to. Implementations: {@link
 * InMemoryDeliveryJournal}, and journal-jdbc's {@code JdbcDeliveryJournal} in the journal's own database. Every
 * method is atomic; several processes may share one journal (a gateway fleet), so a delivery is claimed (a lease)
 * before its handler is called.
 */
public interface DeliveryJournal extends AutoCloseable {
    /** Journals {@code received} unless its dedup key is already journaled; returns the journaled record (the first). */
    DeliveryRecord receive(DeliveryRecord received);

    /** The record under {@code dedupKey}. */
    Optional<DeliveryRecord> find(String dedupKey);

    /**
     * Claims the delivery of a RECEIVED event for {@code owner} until {@code now + lease}: succeeds when nobody else
     * holds an unexpired claim (a crashed owner's claim expires). Empty when the event is DELIVERED, unknown, or
     * claimed by someone else.
     */
    Optional<DeliveryRecord> claim(String dedupKey, String owner, Instant now, Duration lease);

    /**
     * Marks that {@code owner} is about to send the event to the handler: counts the attempt, sets {@code
     * maybeDelivered} and renews the claim. Returns the record as it was BEFORE (its {@code maybeDelivered} says
     * whether this delivery must be flagged a possible duplicate); empty if {@code owner} no longer holds the claim.
     */
    Optional<DeliveryRecord> beforeSend(String dedupKey, String owner, Instant now, Duration lease);

    /**
     * The handler definitely refused the attempt {@code owner} sent (it answered, and not with acceptance):
     * {@code maybeDelivered} goes back to {@code maybeDeliveredBefore}, what it was before that attempt.
     */
    void refused(String dedupKey, String owner, boolean maybeDeliveredBefore, String note, Instant now);

    /**
     * The handler accepted the event: DELIVERED, the claim released, and the journaled client payment with the
     * event's environment and OutTradeNo (if any, and not yet linked) linked to it. Returns the record after.
     */
    DeliveryRecord delivered(String dedupKey, String owner, Instant now);

    /** {@code owner} gives up its claim (delivery failed for now): another copy of the push may claim it at once. */
    void release(String dedupKey, String owner, String note, Instant now);

    /** The most recent {@code limit} records, newest first. */
    List<DeliveryRecord> list(int limit);

    /** Journals a formed client payment unless one is journaled under its environment and outTradeNo; returns the first. */
    ClientPaymentRecord recordClientPayment(ClientPaymentRecord payment);

    /** The client payment journaled under {@code environment} and {@code outTradeNo}. */
    Optional<ClientPaymentRecord> findClientPayment(Environment environment, String outTradeNo);

    /** Releases what this handle holds (a handle sharing the journal's pool holds nothing of its own). */
    @Override
    void close();
}
