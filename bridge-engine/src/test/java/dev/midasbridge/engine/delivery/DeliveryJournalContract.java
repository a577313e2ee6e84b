package dev.midasbridge.engine.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every delivery journal must do; run against the in-memory journal, embedded H2 and PostgreSQL. */
public abstract class DeliveryJournalContract {
    protected static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected DeliveryJournal journal;

    /** A fresh, empty delivery journal. */
    protected abstract DeliveryJournal open();

    /** Another handle on the same journal, as a second gateway instance would have; may be {@code journal}. */
    protected abstract DeliveryJournal openAnother();

    @BeforeEach
    void setUpDeliveries() {
        journal = open();
    }

    @AfterEach
    void tearDownDeliveries() {
        journal.close();
    }

    protected static DeliveryRecord event(String outTradeNo) {
        return DeliveryRecord.received(
                "minigame_game_pay_goods_deliver_notify:" + outTradeNo,
                "minigame_game_pay_goods_deliver_notify",
                Environment.PRODUCTION,
                Optional.of(outTradeNo),
                Optional.of("o-player"),
                "{\"OpenId\":\"o-player\",\"Env\":0,\"OutTradeNo\":\"" + outTradeNo + "\",\"GoodsInfo\":{}}",
                T0);
    }

    protected static ClientPaymentRecord payment(String outTradeNo) {
        return ClientPaymentRecord.formed(
                Environment.PRODUCTION,
                outTradeNo,
                "o-player",
                "1",
                ApiVersion.PAY_V2,
                1,
                Optional.of("sword"),
                OptionalLong.of(600),
                T0);
    }

    @Test
    void anEventIsJournaledOnceAndTheFirstCopyWins() {
        DeliveryRecord first = journal.receive(event("t1"));
        assertEquals(DeliveryStatus.RECEIVED, first.status());
        DeliveryRecord copy = DeliveryRecord.received(
                first.dedupKey(),
                first.event(),
                Environment.PRODUCTION,
                first.outTradeNo(),
                first.openid(),
                "{\"changed\":true}",
                T0.plusSeconds(15));
        DeliveryRecord second = journal.receive(copy);
        assertEquals(first.payload(), second.payload());
        assertEquals(T0, second.receivedAt());
        assertEquals(first, journal.find(first.dedupKey()).orElseThrow());
        assertEquals(Optional.empty(), journal.find("nothing"));
    }

    @Test
    void aClaimExcludesOthersUntilItExpiresOrIsReleased() {
        String key = journal.receive(event("t2")).dedupKey();
        assertTrue(journal.claim(key, "a", T0, LEASE).isPresent());
        assertTrue(journal.claim(key, "a", T0.plusSeconds(1), LEASE).isPresent(), "the owner may claim again");
        assertTrue(journal.claim(key, "b", T0.plusSeconds(29), LEASE).isEmpty());
        assertTrue(journal.claim(key, "b", T0.plusSeconds(31), LEASE).isPresent(), "an expired claim is taken over");
        assertTrue(journal.beforeSend(key, "a", T0.plusSeconds(32), LEASE).isEmpty(), "a lost claim sends nothing");
        journal.release(key, "b", "gave up", T0.plusSeconds(33));
        assertTrue(journal.claim(key, "c", T0.plusSeconds(33), LEASE).isPresent(), "a released claim is free");
        assertEquals(Optional.of("gave up"), journal.find(key).orElseThrow().lastNote());
    }

    @Test
    void beforeSendMarksMaybeDeliveredAndAnswersWhatWasBefore() {
        String key = journal.receive(event("t3")).dedupKey();
        journal.claim(key, "a", T0, LEASE).orElseThrow();
        DeliveryRecord before1 = journal.beforeSend(key, "a", T0, LEASE).orElseThrow();
        assertFalse(before1.maybeDelivered(), "the first request is not flagged");
        DeliveryRecord after1 = journal.find(key).orElseThrow();
        assertTrue(after1.maybeDelivered());
        assertEquals(1, after1.sendAttempts());
        journal.refused(key, "a", before1.maybeDelivered(), "HTTP 500", T0);
        assertFalse(journal.find(key).orElseThrow().maybeDelivered(), "a definite refusal took nothing");
        DeliveryRecord before2 = journal.beforeSend(key, "a", T0, LEASE).orElseThrow();
        assertFalse(before2.maybeDelivered());
        // attempt 2 gets no answer (timeout): it stays maybe delivered, so attempt 3 is flagged
        DeliveryRecord before3 = journal.beforeSend(key, "a", T0, LEASE).orElseThrow();
        assertTrue(before3.maybeDelivered());
        journal.refused(key, "a", before3.maybeDelivered(), "HTTP 503", T0);
        assertTrue(journal.find(key).orElseThrow().maybeDelivered(), "a refusal does not clear an earlier timeout");
        assertEquals(3, journal.find(key).orElseThrow().sendAttempts());
    }

    @Test
    void aDeliveredEventIsNeverClaimedAgain() {
        String key = journal.receive(event("t4")).dedupKey();
        journal.claim(key, "a", T0, LEASE).orElseThrow();
        journal.beforeSend(key, "a", T0, LEASE).orElseThrow();
        DeliveryRecord done = journal.delivered(key, "a", T0.plusSeconds(1));
        assertEquals(DeliveryStatus.DELIVERED, done.status());
        assertEquals(Optional.of(T0.plusSeconds(1)), done.deliveredAt());
        assertTrue(journal.claim(key, "b", T0.plusSeconds(3600), LEASE).isEmpty());
        assertEquals(DeliveryStatus.DELIVERED, journal.receive(event("t4")).status());
        assertEquals(done, journal.delivered(key, "b", T0.plusSeconds(5)), "delivered twice changes nothing");
    }

    @Test
    void aCrashAfterTheHandlerAcceptedLeavesItMaybeDeliveredForTheNextOwner() {
        String key = journal.receive(event("t5")).dedupKey();
        journal.claim(key, "dead", T0, LEASE).orElseThrow();
        journal.beforeSend(key, "dead", T0, LEASE).orElseThrow();
        // the process dies here: the handler accepted, the journal never heard
        DeliveryJournal other = openAnother();
        try {
            assertTrue(other.claim(key, "new", T0.plusSeconds(5), LEASE).isEmpty(), "the claim still holds");
            other.claim(key, "new", T0.plus(LEASE).plusSeconds(1), LEASE).orElseThrow();
            DeliveryRecord before = other.beforeSend(key, "new", T0.plus(LEASE).plusSeconds(1), LEASE)
                    .orElseThrow();
            assertTrue(before.maybeDelivered(), "the redelivery is flagged as a possible duplicate");
        } finally {
            if (other != journal) {
                other.close();
            }
        }
    }

    @Test
    void aDeliveryIsLinkedToTheClientPaymentWithItsOutTradeNo() {
        ClientPaymentRecord formed = journal.recordClientPayment(payment("cp1"));
        assertEquals(payment("cp1"), formed);
        assertFalse(formed.delivered());
        String key = journal.receive(event("cp1")).dedupKey();
        journal.claim(key, "a", T0, LEASE).orElseThrow();
        journal.beforeSend(key, "a", T0, LEASE).orElseThrow();
        DeliveryRecord done = journal.delivered(key, "a", T0.plusSeconds(2));
        assertTrue(done.matchedClientPayment());
        ClientPaymentRecord linked =
                journal.findClientPayment(Environment.PRODUCTION, "cp1").orElseThrow();
        assertEquals(Optional.of(key), linked.deliveryKey());
        assertEquals(Optional.of(T0.plusSeconds(2)), linked.deliveredAt());
        assertEquals(Optional.empty(), journal.findClientPayment(Environment.SANDBOX, "cp1"));
    }

    @Test
    void anEventWithoutAJournaledPaymentIsDeliveredUnmatched() {
        String key = journal.receive(event("nobody")).dedupKey();
        journal.claim(key, "a", T0, LEASE).orElseThrow();
        assertFalse(journal.delivered(key, "a", T0).matchedClientPayment());
    }

    @Test
    void theFirstClientPaymentUnderAnOutTradeNoWins() {
        journal.recordClientPayment(payment("cp2"));
        ClientPaymentRecord other = ClientPaymentRecord.formed(
                Environment.PRODUCTION,
                "cp2",
                "o-other",
                "1",
                ApiVersion.MIDAS_V1,
                5,
                Optional.empty(),
                OptionalLong.empty(),
                T0.plusSeconds(9));
        ClientPaymentRecord stored = journal.recordClientPayment(other);
        assertEquals(payment("cp2"), stored);
        assertFalse(stored.samePaymentAs(other));
        ClientPaymentRecord coins = ClientPaymentRecord.formed(
                Environment.SANDBOX,
                "cp2",
                "o-other",
                "1",
                ApiVersion.MIDAS_V1,
                5,
                Optional.empty(),
                OptionalLong.empty(),
                T0);
        assertEquals(coins, journal.recordClientPayment(coins), "another environment is another payment");
    }

    @Test
    void listShowsTheNewestFirst() {
        journal.receive(event("l1"));
        DeliveryRecord later = DeliveryRecord.received(
                "k-later", "e", Environment.SANDBOX, Optional.empty(), Optional.empty(), "{}", T0.plusSeconds(60));
        journal.receive(later);
        List<DeliveryRecord> list = journal.list(10);
        assertEquals(2, list.size());
        assertEquals("k-later", list.get(0).dedupKey());
        assertEquals(1, journal.list(1).size());
    }

    @Test
    void copiesArrivingAtOnceAreClaimedByOneOwner() throws Exception {
        DeliveryJournal other = openAnother();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                DeliveryRecord e = event("race" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    DeliveryJournal j = i % 2 == 0 ? journal : other;
                    String owner = "owner" + i;
                    claims.add(pool.submit(() -> {
                        go.await();
                        j.receive(e);
                        return j.claim(e.dedupKey(), owner, T0, LEASE).isPresent();
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : claims) {
                    won += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, won, "one owner claims each event");
            }
        } finally {
            pool.shutdownNow();
            if (other != journal) {
                other.close();
            }
        }
    }
}
