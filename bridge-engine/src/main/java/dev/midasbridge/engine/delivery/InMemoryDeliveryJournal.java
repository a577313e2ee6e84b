package dev.midasbridge.engine.delivery;

import dev.midasbridge.core.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The delivery journal in memory (tests, a throw-away bridge): nothing survives the process. Thread-safe. */
public final class InMemoryDeliveryJournal implements DeliveryJournal {
    private final Map<String, DeliveryRecord> deliveries = new LinkedHashMap<>();
    private final Map<String, ClientPaymentRecord> payments = new LinkedHashMap<>();

    private InMemoryDeliveryJournal() {}

    public static InMemoryDeliveryJournal create() {
        return new InMemoryDeliveryJournal();
    }

    @Override
    public synchronized DeliveryRecord receive(DeliveryRecord received) {
        return deliveries.computeIfAbsent(received.dedupKey(), k -> received);
    }

    @Override
    public synchronized Optional<DeliveryRecord> find(String dedupKey) {
        return Optional.ofNullable(deliveries.get(dedupKey));
    }

    @Override
    public synchronized Optional<DeliveryRecord> claim(String dedupKey, String owner, Instant now, Duration lease) {
        DeliveryRecord r = deliveries.get(dedupKey);
        if (r == null || r.status() == DeliveryStatus.DELIVERED || r.claimedByOther(owner, now)) {
            return Optional.empty();
        }
        DeliveryRecord claimed = with(
                r,
                r.status(),
                r.sendAttempts(),
                r.maybeDelivered(),
                Optional.of(owner),
                now.plus(lease),
                r.deliveredAt(),
                r.matchedClientPayment(),
                r.lastNote());
        deliveries.put(dedupKey, claimed);
        return Optional.of(claimed);
    }

    @Override
    public synchronized Optional<DeliveryRecord> beforeSend(
            String dedupKey, String owner, Instant now, Duration lease) {
        DeliveryRecord r = deliveries.get(dedupKey);
        if (r == null
                || r.status() == DeliveryStatus.DELIVERED
                || !r.claimOwner().equals(Optional.of(owner))) {
            return Optional.empty();
        }
        deliveries.put(
                dedupKey,
                with(
                        r,
                        r.status(),
                        r.sendAttempts() + 1,
                        true,
                        r.claimOwner(),
                        now.plus(lease),
                        r.deliveredAt(),
                        r.matchedClientPayment(),
                        r.lastNote()));
        return Optional.of(r);
    }

    @Override
    public synchronized void refused(
            String dedupKey, String owner, boolean maybeDeliveredBefore, String note, Instant now) {
        DeliveryRecord r = deliveries.get(dedupKey);
        if (r == null
                || r.status() == DeliveryStatus.DELIVERED
                || !r.claimOwner().equals(Optional.of(owner))) {
            return;
        }
        deliveries.put(
                dedupKey,
                with(
                        r,
                        r.status(),
                        r.sendAttempts(),
                        maybeDeliveredBefore,
                        r.claimOwner(),
                        r.claimUntil(),
                        r.deliveredAt(),
                        r.matchedClientPayment(),
                        Optional.of(note)));
    }

    @Override
    public synchronized DeliveryRecord delivered(String dedupKey, String owner, Instant now) {
        DeliveryRecord r = deliveries.get(dedupKey);
        if (r == null) {
            throw new IllegalStateException("push event " + dedupKey + " is not journaled");
        }
        if (r.status() == DeliveryStatus.DELIVERED) {
            return r;
        }
        boolean matched = false;
        if (r.outTradeNo().isPresent()) {
            String k = paymentKey(r.environment(), r.outTradeNo().get());
            ClientPaymentRecord p = payments.get(k);
            if (p != null) {
                matched = true;
                if (p.deliveryKey().isEmpty()) {
                    payments.put(
                            k,
                            new ClientPaymentRecord(
                                    p.environment(),
                                    p.outTradeNo(),
                                    p.openid(),
                                    p.zoneId(),
                                    p.version(),
                                    p.quantity(),
                                    p.productId(),
                                    p.goodsPrice(),
                                    p.createdAt(),
                                    Optional.of(dedupKey),
                                    Optional.of(now)));
                }
            }
        }
        DeliveryRecord d = with(
                r,
                DeliveryStatus.DELIVERED,
                r.sendAttempts(),
                r.maybeDelivered(),
                Optional.empty(),
                Instant.EPOCH,
                Optional.of(now),
                matched,
                r.lastNote());
        deliveries.put(dedupKey, d);
        return d;
    }

    @Override
    public synchronized void release(String dedupKey, String owner, String note, Instant now) {
        DeliveryRecord r = deliveries.get(dedupKey);
        if (r == null
                || r.status() == DeliveryStatus.DELIVERED
                || !r.claimOwner().equals(Optional.of(owner))) {
            return;
        }
        deliveries.put(
                dedupKey,
                with(
                        r,
                        r.status(),
                        r.sendAttempts(),
                        r.maybeDelivered(),
                        Optional.empty(),
                        Instant.EPOCH,
                        r.deliveredAt(),
                        r.matchedClientPayment(),
                        Optional.of(note)));
    }

    @Override
    public synchronized List<DeliveryRecord> list(int limit) {
        List<DeliveryRecord> all = new ArrayList<>(deliveries.values());
        all.sort(Comparator.comparing(DeliveryRecord::receivedAt).reversed());
        return List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size())));
    }

    @Override
    public synchronized ClientPaymentRecord recordClientPayment(ClientPaymentRecord payment) {
        return payments.computeIfAbsent(paymentKey(payment.environment(), payment.outTradeNo()), k -> payment);
    }

    @Override
    public synchronized Optional<ClientPaymentRecord> findClientPayment(Environment environment, String outTradeNo) {
        return Optional.ofNullable(payments.get(paymentKey(environment, outTradeNo)));
    }

    @Override
    public void close() {
        // nothing to release
    }

    private static String paymentKey(Environment environment, String outTradeNo) {
        return environment.name() + "\u0000" + outTradeNo;
    }

    private static DeliveryRecord with(
            DeliveryRecord r,
            DeliveryStatus status,
            int attempts,
            boolean maybe,
            Optional<String> owner,
            Instant until,
            Optional<Instant> deliveredAt,
            boolean matched,
            Optional<String> note) {
        return new DeliveryRecord(
                r.dedupKey(),
                r.event(),
                r.environment(),
                r.outTradeNo(),
                r.openid(),
                r.payload(),
                r.receivedAt(),
                status,
                attempts,
                maybe,
                owner,
                until,
                deliveredAt,
                matched,
                note);
    }
}
