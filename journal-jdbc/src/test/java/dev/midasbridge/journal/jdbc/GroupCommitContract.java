package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: 64 callers deducting at once share transactions (fewer commits than writes), each answered only with
 * its row in the journal; 64 callers deducting the same order at once apply it once. Fails with
 * {@code -Dmidasbridge.journal.groupCommit=false} (one commit per write).
 */
abstract class GroupCommitContract {
    static final int CALLERS = 64;
    static final int EACH = 8;
    static final Player ALICE = Player.of("alice");
    static final PlayerSession SESSION = PlayerSession.of("alice", "session-key");

    JdbcJournal journal;
    LedgerGateway server;
    GameCurrency bridge;
    ExecutorService pool;

    abstract JdbcJournal open();

    @BeforeEach
    void setUp() {
        journal = open();
        server = new LedgerGateway();
        bridge = GameCurrency.create(
                Map.of(ApiVersion.MIDAS_V1, server),
                journal,
                BridgeConfig.builder()
                        .router(Router.create(RoutingPolicy.allMidasV1()))
                        .retry(RetryPolicy.defaults().withoutSleeping())
                        .build());
        pool = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        journal.close();
    }

    @Test
    void concurrentCallersShareCommitsAndEachIsAnsweredWithItsRowInTheJournal() throws Exception {
        long before = journal.commits();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<DeductionReceipt>>> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            int caller = t;
            callers.add(pool.submit(() -> {
                start.await();
                List<DeductionReceipt> mine = new ArrayList<>();
                for (int i = 0; i < EACH; i++) {
                    DeductionReceipt r = bridge.deduct(
                            Deduction.of(ALICE, 1, OrderNo.of("c" + caller + "-" + i)),
                            SESSION,
                            Environment.PRODUCTION);
                    // Answered: the row is committed, so any other connection reads it as applied.
                    JournalEntry row = journal.find(
                                    JournalKey.of(Environment.PRODUCTION, ALICE, "c" + caller + "-" + i))
                            .orElseThrow();
                    assertEquals(OrderStatus.APPLIED, row.status(), row.toString());
                    assertEquals(Optional.of(r), row.receipt());
                    mine.add(r);
                }
                return mine;
            }));
        }
        start.countDown();
        for (Future<List<DeductionReceipt>> f : callers) {
            assertEquals(EACH, f.get(60, TimeUnit.SECONDS).size());
        }
        long writes = 2L * CALLERS * EACH;
        long commits = journal.commits() - before;
        System.out.printf(
                "%s: %d deductions by %d callers: %d writes in %d commits (%.1f writes per commit)%n",
                getClass().getSimpleName(), CALLERS * EACH, CALLERS, writes, commits, (double) writes / commits);
        assertTrue(commits < writes, "writes share commits: " + commits + " commits for " + writes + " writes");
        assertEquals(CALLERS * EACH, server.applied.size());
        assertEquals(CALLERS * EACH, journal.list(Integer.MAX_VALUE).size());
    }

    @Test
    void concurrentCallersOfTheSameOrderApplyItOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DeductionReceipt>> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            callers.add(pool.submit(() -> {
                start.await();
                return bridge.deduct(Deduction.of(ALICE, 7, OrderNo.of("same")), SESSION, Environment.PRODUCTION);
            }));
        }
        start.countDown();
        for (Future<DeductionReceipt> f : callers) {
            assertEquals("same", f.get(60, TimeUnit.SECONDS).orderNo().value());
        }
        assertEquals(Map.of("same", 7L), Map.copyOf(server.applied), "applied once");
        assertEquals(1_000_000_000L - 7, server.balance.get());
        JournalEntry row = journal.find(JournalKey.of(Environment.PRODUCTION, ALICE, "same"))
                .orElseThrow();
        assertEquals(OrderStatus.APPLIED, row.status());
        assertTrue(row.attempts() >= 1 && row.attempts() <= CALLERS, row.toString());
        assertEquals(1, journal.list(Integer.MAX_VALUE).size());
    }
}
