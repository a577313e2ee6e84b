package dev.midasbridge.engine.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.Environment;
import dev.midasbridge.engine.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once delivery under arbitrary push copies, handler answers and crashes: WeChat pushes copies of a few
 * events in any order; the game's handler accepts, refuses, takes the event but its answer is lost, or takes it and
 * the gateway process dies before journaling that (a new process, a new owner, takes over once the lease expired).
 * Whatever happens, the handler takes each event once unflagged at most, every later copy it takes is flagged as a
 * possible duplicate, an event answered success was taken, and in the end every event is delivered.
 */
class PushDeliveriesProperties {
    private static final Duration LEASE = Duration.ofSeconds(60);

    enum Behaviour {
        ACCEPT,
        REFUSE,
        TAKE_BUT_LOSE_ANSWER,
        LOSE_REQUEST,
        TAKE_THEN_CRASH
    }

    record Step(int event, List<Behaviour> answers, boolean leaseExpires) {}

    /** The gateway process died mid-delivery (an Error, so nothing in the delivery code catches it). */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The game: what it took, per dedup key, in order, with the flag each copy carried. */
    static final class Game {
        final Map<String, List<Boolean>> taken = new HashMap<>();

        void take(DeliveryRecord e, boolean flagged) {
            taken.computeIfAbsent(e.dedupKey(), k -> new ArrayList<>()).add(flagged);
        }
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(Behaviour.class).list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.of(true, false))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void everyEventIsTakenOnceUnflaggedAndCopiesAfterwardAreFlagged(@ForAll("scripts") List<Step> script) {
        runScript(script, InMemoryDeliveryJournal.create(), "");
    }

    /**
     * Plays {@code script} against {@code journal}; {@code run} prefixes the events' OutTradeNos, so that several
     * scripts can share one (durable) journal.
     */
    static void runScript(List<Step> script, DeliveryJournal journal, String run) {
        MutableClock clock = new MutableClock();
        Game game = new Game();
        int[] process = {0};
        PushDeliveries[] gateway = {deliveries(journal, clock, process[0])};
        Map<String, Boolean> answeredSuccess = new HashMap<>();

        for (Step step : script) {
            if (step.leaseExpires()) {
                clock.now = clock.now.plus(LEASE).plusSeconds(1);
            }
            DeliveryRecord push = push(run, step.event(), clock.now);
            List<Behaviour> answers = new ArrayList<>(step.answers());
            try {
                PushDeliveries.Result r = gateway[0].deliver(push, (e, flagged) -> {
                    Behaviour b = answers.isEmpty() ? Behaviour.REFUSE : answers.remove(0);
                    switch (b) {
                        case ACCEPT -> {
                            game.take(e, flagged);
                            return PushDeliveries.Answer.ACCEPTED;
                        }
                        case REFUSE -> {
                            return PushDeliveries.Answer.REFUSED;
                        }
                        case TAKE_BUT_LOSE_ANSWER -> {
                            game.take(e, flagged);
                            return PushDeliveries.Answer.UNKNOWN;
                        }
                        case LOSE_REQUEST -> {
                            return PushDeliveries.Answer.UNKNOWN;
                        }
                        default -> {
                            game.take(e, flagged);
                            throw new Crash();
                        }
                    }
                });
                if (r.answerSuccess()) {
                    answeredSuccess.put(push.dedupKey(), true);
                }
            } catch (Crash crash) {
                process[0]++;
                gateway[0] = deliveries(journal, clock, process[0]);
            }
            check(game, answeredSuccess);
        }
        // WeChat keeps pushing until each event is answered success; the game now accepts everything.
        clock.now = clock.now.plus(LEASE).plusSeconds(1);
        for (int event = 0; event < 4; event++) {
            DeliveryRecord push = push(run, event, clock.now);
            PushDeliveries.Result r = gateway[0].deliver(push, (e, flagged) -> {
                game.take(e, flagged);
                return PushDeliveries.Answer.ACCEPTED;
            });
            assertTrue(r.answerSuccess(), r.toString());
            assertEquals(
                    DeliveryStatus.DELIVERED,
                    journal.find(push.dedupKey()).orElseThrow().status());
            assertFalse(game.taken.getOrDefault(push.dedupKey(), List.of()).isEmpty());
        }
        check(game, answeredSuccess);
    }

    private static void check(Game game, Map<String, Boolean> answeredSuccess) {
        game.taken.forEach((key, flags) -> {
            for (int i = 1; i < flags.size(); i++) {
                assertTrue(flags.get(i), key + ": copy " + (i + 1) + " taken unflagged: " + flags);
            }
        });
        answeredSuccess.keySet().forEach(k -> assertTrue(game.taken.containsKey(k), k + " answered, never taken"));
    }

    private static PushDeliveries deliveries(DeliveryJournal journal, Clock clock, int process) {
        return PushDeliveries.builder(journal)
                .owner("process-" + process)
                .clock(clock)
                .sleeper(Sleeper.NONE)
                .lease(LEASE)
                .maxAttempts(3)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(4))
                .inFlightWait(Duration.ZERO)
                .build();
    }

    private static DeliveryRecord push(int event, Instant now) {
        return push("", event, now);
    }

    private static DeliveryRecord push(String run, int event, Instant now) {
        String otn = run + "otn-" + event;
        return DeliveryRecord.received(
                "minigame_game_pay_goods_deliver_notify:" + otn,
                "minigame_game_pay_goods_deliver_notify",
                Environment.PRODUCTION,
                Optional.of(otn),
                Optional.of("o-player"),
                "{}",
                now);
    }

    @Test
    void aHandlerThatFailsTwiceThenAcceptsGetsOneUnflaggedDelivery() {
        InMemoryDeliveryJournal journal = InMemoryDeliveryJournal.create();
        Game game = new Game();
        int[] calls = {0};
        PushDeliveries.Result r = deliveries(journal, new MutableClock(), 0)
                .deliver(push(0, Instant.EPOCH), (e, flagged) -> {
                    if (++calls[0] <= 2) {
                        return PushDeliveries.Answer.REFUSED;
                    }
                    game.take(e, flagged);
                    return PushDeliveries.Answer.ACCEPTED;
                });
        assertEquals(PushDeliveries.Outcome.DELIVERED, r.outcome());
        assertEquals(3, r.record().sendAttempts());
        assertEquals(List.of(false), game.taken.get(r.record().dedupKey()));
    }

    @Test
    void aHandlerThatNeverAcceptsIsAnsweredAFailureAndTheClaimIsReleased() {
        InMemoryDeliveryJournal journal = InMemoryDeliveryJournal.create();
        MutableClock clock = new MutableClock();
        PushDeliveries.Result r =
                deliveries(journal, clock, 0).deliver(push(1, clock.now), (e, f) -> PushDeliveries.Answer.REFUSED);
        assertEquals(PushDeliveries.Outcome.FAILED, r.outcome());
        assertFalse(r.answerSuccess());
        assertTrue(journal.claim(r.record().dedupKey(), "another", clock.now, LEASE)
                .isPresent());
    }

    @Test
    void copiesArrivingAtOnceInOneProcessAreDeliveredOnce() throws Exception {
        InMemoryDeliveryJournal journal = InMemoryDeliveryJournal.create();
        PushDeliveries gateway = PushDeliveries.builder(journal)
                .owner("one-process")
                .lease(LEASE)
                .inFlightWait(Duration.ofSeconds(5))
                .sleeper(Sleeper.REAL)
                .build();
        Game game = new Game();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<PushDeliveries.Result>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return gateway.deliver(push(7, Instant.EPOCH), (e, flagged) -> {
                        synchronized (game) {
                            game.take(e, flagged);
                        }
                        return PushDeliveries.Answer.ACCEPTED;
                    });
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<PushDeliveries.Result> f : results) {
                assertTrue(f.get(30, java.util.concurrent.TimeUnit.SECONDS).answerSuccess());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(false), game.taken.get(push(7, Instant.EPOCH).dedupKey()));
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        PushDeliveries d = PushDeliveries.builder(InMemoryDeliveryJournal.create())
                .backoff(Duration.ofMillis(100), Duration.ofMillis(350))
                .build();
        assertEquals(Duration.ofMillis(100), d.backoff(1));
        assertEquals(Duration.ofMillis(200), d.backoff(2));
        assertEquals(Duration.ofMillis(350), d.backoff(3));
        assertEquals(Duration.ofMillis(350), d.backoff(30));
    }
}
