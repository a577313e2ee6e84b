package dev.midasbridge.journal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.BridgeConfig;
import dev.midasbridge.engine.GameCurrency;
import dev.midasbridge.engine.RetryPolicy;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a deduction costs the journal, counted in committed transactions ({@link JdbcJournal#commits()}): two when it
 * is answered on its first attempt (intent and attempt together, then the outcome), and a call that was never sent
 * is still journaled, as PENDING with no attempt.
 */
abstract class CommitsPerDeductionContract {
    static final Player ALICE = Player.of("alice");
    static final PlayerSession SESSION = PlayerSession.of("alice", "session-key");

    JdbcJournal journal;
    LedgerGateway server;
    GameCurrency bridge;

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
    }

    @AfterEach
    void tearDown() {
        journal.close();
    }

    JournalEntry row(String order) {
        return journal.find(JournalKey.of(Environment.PRODUCTION, ALICE, order)).orElseThrow();
    }

    @Test
    void aDeductionAnsweredOnItsFirstAttemptCostsTwoCommits() {
        bridge.deduct(Deduction.of(ALICE, 1, OrderNo.of("warm-up")), SESSION, Environment.PRODUCTION);
        long before = journal.commits();

        DeductionReceipt r = bridge.deduct(Deduction.of(ALICE, 10, OrderNo.of("b1")), SESSION, Environment.PRODUCTION);

        assertEquals(2, journal.commits() - before, "intent with its first attempt, then the outcome");
        assertEquals(ApiVersion.MIDAS_V1, r.version(), "the receipt says which version answered");
        JournalEntry row = row("b1");
        assertEquals(OrderStatus.APPLIED, row.status());
        assertEquals(1, row.attempts());
        assertEquals(Optional.of(r), row.receipt(), "the journal holds the server's receipt");
        assertEquals(
                List.of(
                        "intent recorded: DEDUCT on midas_v1 as b1",
                        "attempt 1 sent",
                        "applied on midas_v1, balance " + r.balance()),
                journal.history(row.key()).stream().map(JournalEvent::text).toList());

        long again = journal.commits();
        assertEquals(r, bridge.deduct(Deduction.of(ALICE, 10, OrderNo.of("b1")), SESSION, Environment.PRODUCTION));
        assertEquals(0, journal.commits() - again, "a journaled answer is read, not written");
    }

    @Test
    void aCallNeverSentIsJournaledAsPendingWithNoAttempt() {
        server.tokenDown = true;
        long before = journal.commits();

        PaymentException e = assertThrows(
                PaymentException.class,
                () -> bridge.deduct(Deduction.of(ALICE, 10, OrderNo.of("b2")), SESSION, Environment.PRODUCTION));

        assertEquals(ErrorKind.ACCESS_TOKEN_UNAVAILABLE, e.kind());
        assertTrue(journal.commits() - before <= 2, "at most two commits: " + (journal.commits() - before));
        JournalEntry row = row("b2");
        assertEquals(OrderStatus.PENDING, row.status());
        assertEquals(0, row.attempts(), "never sent");
        assertFalse(row.maybeApplied());
        assertTrue(server.applied.isEmpty());
        List<String> history =
                journal.history(row.key()).stream().map(JournalEvent::text).toList();
        assertEquals("intent recorded: DEDUCT on midas_v1 as b2", history.get(0));
        assertTrue(history.get(1).startsWith("not sent: access token unavailable"), history.toString());

        server.tokenDown = false;
        bridge.deduct(Deduction.of(ALICE, 10, OrderNo.of("b2")), SESSION, Environment.PRODUCTION);
        assertEquals(OrderStatus.APPLIED, row("b2").status());
        assertEquals(1, row("b2").attempts());
    }
}
