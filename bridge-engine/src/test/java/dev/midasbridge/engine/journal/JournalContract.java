package dev.midasbridge.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every journal must do; run against the in-memory journal, embedded H2 and PostgreSQL. */
public abstract class JournalContract {
    protected static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    protected Journal journal;

    /** A fresh, empty journal. */
    protected abstract Journal open();

    /** Another handle on the same journal, as a second game server would have; may be {@code journal} itself. */
    protected abstract Journal openAnother();

    @BeforeEach
    void setUp() {
        journal = open();
    }

    @AfterEach
    void tearDown() {
        journal.close();
    }

    protected static JournalKey key(String order) {
        return new JournalKey(Environment.PRODUCTION, "o-player", "1", order);
    }

    protected static JournalEntry intent(String order, ApiVersion version) {
        return JournalEntry.intent(
                key(order),
                version,
                Deduction.of(Player.of("o-player"), 50, OrderNo.of(order))
                        .withItem("钻石")
                        .withUserIp("203.0.113.7"),
                T0);
    }

    protected static DeductionReceipt receipt(String order, long balance, long presentUsed, ApiVersion version) {
        return new DeductionReceipt(OrderNo.of(order), balance, presentUsed, version);
    }

    @Test
    void theTypedOperationAndItsReceiptComeBackAsWritten() {
        JournalEntry refund = JournalEntry.intent(
                key("r1"),
                ApiVersion.PAY_V2,
                Refund.of(Player.of("o-player"), OrderNo.of("d1"), OrderNo.of("r1"), 7)
                        .withItem("x"),
                T0);
        journal.recordIntent(refund);
        assertEquals(refund.operation(), journal.find(key("r1")).orElseThrow().operation());
        JournalEntry grant = JournalEntry.intent(
                key("g1"), ApiVersion.MIDAS_V1, Grant.of(Player.of("o-player"), 3, OrderNo.of("g1")), T0);
        journal.recordIntent(grant);
        assertEquals(grant.operation(), journal.find(key("g1")).orElseThrow().operation());

        journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        journal.startAttempt(key("b1"), T0);
        journal.finish(key("b1"), Resolution.applied(receipt("b1", 950, 3, ApiVersion.PAY_V2), "applied"), T0);
        JournalEntry read = journal.find(key("b1")).orElseThrow();
        assertEquals(intent("b1", ApiVersion.PAY_V2).operation(), read.operation());
        assertEquals(Optional.of(receipt("b1", 950, 3, ApiVersion.PAY_V2)), read.receipt());
        assertEquals(ApiVersion.PAY_V2, read.receipt().orElseThrow().version(), "the receipt names the version");
    }

    @Test
    void theIntentAndItsFirstAttemptAreJournaledTogetherAndOnlyOnce() {
        AttemptStart first = journal.startFirstAttempt(intent("b1", ApiVersion.PAY_V2), T0);
        assertEquals(AttemptStart.FIRST, first);
        JournalEntry e = journal.find(key("b1")).orElseThrow();
        assertEquals(1, e.attempts());
        assertTrue(e.maybeApplied());
        assertEquals(OrderStatus.PENDING, e.status());
        assertEquals(
                List.of("intent recorded: DEDUCT on pay_v2 as b1", "attempt 1 sent"),
                journal.history(key("b1")).stream().map(JournalEvent::text).toList());
        JournalConflict conflict = org.junit.jupiter.api.Assertions.assertThrows(
                JournalConflict.class, () -> journal.startFirstAttempt(intent("b1", ApiVersion.MIDAS_V1), T0));
        assertEquals(ApiVersion.PAY_V2, conflict.stored().version(), "the first writer's row, unchanged");
        assertEquals(1, journal.find(key("b1")).orElseThrow().attempts());
        assertEquals(2, journal.history(key("b1")).size(), "the loser wrote nothing");
    }

    @Test
    void anIntentIsStoredWithEverythingNeededToCallAgain() {
        JournalEntry stored = journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        JournalEntry read = journal.find(key("b1")).orElseThrow();
        assertEquals(stored, read);
        assertEquals(OrderStatus.PENDING, read.status());
        assertEquals(Optional.of("钻石"), read.item());
        assertEquals(OptionalLong.of(50), read.amount());
        assertEquals(0, read.attempts());
    }

    @Test
    void theFirstIntentWinsAndKeepsItsVersion() {
        journal.recordIntent(intent("b1", ApiVersion.MIDAS_V1));
        JournalEntry second = journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        assertEquals(ApiVersion.MIDAS_V1, second.version());
        assertEquals(1, journal.list(100).size());
    }

    @Test
    void concurrentServersRecordingTheSameOrderAgreeOnOneRowAndOneVersion() throws Exception {
        int servers = 8;
        List<Journal> handles = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            handles.add(openAnother());
        }
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            for (int round = 0; round < 20; round++) {
                String order = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<JournalEntry>> results = new ArrayList<>();
                for (int i = 0; i < servers; i++) {
                    Journal j = handles.get(i);
                    ApiVersion v = i % 2 == 0 ? ApiVersion.MIDAS_V1 : ApiVersion.PAY_V2;
                    results.add(pool.submit(() -> {
                        go.await();
                        return j.recordIntent(intent(order, v));
                    }));
                }
                go.countDown();
                Set<ApiVersion> versions = new HashSet<>();
                for (Future<JournalEntry> f : results) {
                    versions.add(f.get(30, TimeUnit.SECONDS).version());
                }
                assertEquals(1, versions.size(), "every server sees the winner's version");
                assertEquals(
                        versions.iterator().next(),
                        journal.find(key(order)).orElseThrow().version());
            }
        } finally {
            pool.shutdownNow();
            for (Journal j : handles) {
                if (j != journal) {
                    j.close();
                }
            }
        }
    }

    @Test
    void attemptsAreCountedAndSerialisedAcrossServers() throws Exception {
        journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        int servers = 6;
        int each = 5;
        List<Journal> handles = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            handles.add(openAnother());
        }
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (Journal j : handles) {
                results.add(pool.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int k = 0; k < each; k++) {
                        mine.add(j.startAttempt(key("b1"), T0).attempt());
                    }
                    return mine;
                }));
            }
            Set<Integer> numbers = new HashSet<>();
            for (Future<List<Integer>> f : results) {
                numbers.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(servers * each, numbers.size(), "no two attempts got the same number");
            assertEquals(servers * each, journal.find(key("b1")).orElseThrow().attempts());
        } finally {
            pool.shutdownNow();
            for (Journal j : handles) {
                if (j != journal) {
                    j.close();
                }
            }
        }
    }

    @Test
    void anAttemptLeavesTheOrderMaybeAppliedUntilItsAnswerIsRecorded() {
        journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        AttemptStart first = journal.startAttempt(key("b1"), T0);
        assertEquals(1, first.attempt());
        assertFalse(first.priorMaybeApplied());
        assertTrue(journal.find(key("b1")).orElseThrow().maybeApplied(), "a crash now leaves it maybe applied");
        AttemptStart second = journal.startAttempt(key("b1"), T0);
        assertTrue(second.priorMaybeApplied());
        assertEquals(OrderStatus.PENDING, second.statusBefore());
    }

    @Test
    void anAppliedOrderIsNeverDowngraded() {
        journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        journal.startAttempt(key("b1"), T0);
        journal.finish(key("b1"), Resolution.applied(receipt("b1", 950, 3, ApiVersion.PAY_V2), "applied"), T0);
        journal.finish(
                key("b1"),
                Resolution.of(
                        OrderStatus.UNKNOWN,
                        true,
                        new ErrorRecord(ErrorKind.TIMEOUT, null, null, "late timeout"),
                        "late"),
                T0);
        JournalEntry e = journal.find(key("b1")).orElseThrow();
        assertEquals(OrderStatus.APPLIED, e.status());
        assertEquals(OptionalLong.of(950), e.balanceAfter());
        assertEquals(OptionalLong.of(3), e.presentUsed());
    }

    @Test
    void errorsAreKeptWithTheirKindAndErrcode() {
        journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        journal.finish(
                key("b1"),
                Resolution.of(
                        OrderStatus.REJECTED,
                        false,
                        new ErrorRecord(
                                ErrorKind.INSUFFICIENT_BALANCE, 90013, "balance not enough", "pay_v2 errcode 90013"),
                        "rejected"),
                T0);
        ErrorRecord err = journal.find(key("b1")).orElseThrow().lastError().orElseThrow();
        assertEquals(ErrorKind.INSUFFICIENT_BALANCE, err.kind());
        assertEquals(90013, err.errcode());
        assertEquals("balance not enough", err.errmsg());
    }

    @Test
    void unresolvedOrdersAreListedAndStaleOnesFlagged() {
        journal.recordIntent(intent("old", ApiVersion.MIDAS_V1));
        journal.recordIntent(JournalEntry.intent(
                key("new"),
                ApiVersion.PAY_V2,
                Grant.of(Player.of("o-player"), 5, OrderNo.of("new")),
                T0.plusSeconds(7200)));
        journal.recordIntent(intent("done", ApiVersion.PAY_V2));
        journal.finish(key("done"), Resolution.applied(receipt("done", 1, 0, ApiVersion.PAY_V2), "applied"), T0);
        journal.finish(
                key("new"),
                Resolution.of(
                        OrderStatus.UNKNOWN, true, new ErrorRecord(ErrorKind.TIMEOUT, null, null, "t"), "unknown"),
                T0.plusSeconds(7200));

        assertEquals(
                List.of("old", "new"),
                journal.unresolved().stream().map(e -> e.key().orderNo()).toList());
        List<JournalEntry> flagged = journal.flagUnresolvedOlderThan(T0.plusSeconds(3600), T0.plusSeconds(9000));
        assertEquals(
                List.of("old"), flagged.stream().map(e -> e.key().orderNo()).toList());
        assertTrue(journal.find(key("old")).orElseThrow().flagged());
        assertFalse(journal.find(key("new")).orElseThrow().flagged());
    }

    @Test
    void theHistoryTellsWhatHappenedInOrder() {
        journal.recordIntent(intent("b1", ApiVersion.PAY_V2));
        journal.startAttempt(key("b1"), T0);
        journal.finish(
                key("b1"),
                Resolution.of(
                        OrderStatus.PENDING,
                        true,
                        new ErrorRecord(ErrorKind.SYSTEM_BUSY, -1, "busy", "m"),
                        "attempt 1: SYSTEM_BUSY, retrying"),
                T0);
        journal.startAttempt(key("b1"), T0);
        journal.finish(key("b1"), Resolution.applied(receipt("b1", 10, 0, ApiVersion.PAY_V2), "applied on pay_v2"), T0);
        assertEquals(
                List.of(
                        "intent recorded: DEDUCT on pay_v2 as b1",
                        "attempt 1 sent",
                        "attempt 1: SYSTEM_BUSY, retrying",
                        "attempt 2 sent",
                        "applied on pay_v2"),
                journal.history(key("b1")).stream().map(JournalEvent::text).toList());
    }
}
