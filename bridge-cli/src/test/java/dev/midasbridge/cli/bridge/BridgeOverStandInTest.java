package dev.midasbridge.cli.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.midasbridge.app.JournalSettings;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.ReLoginRequiredException;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.ReconcileReport;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.routing.RoutingPolicy;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.LedgerEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge end to end: real adapters over loopback HTTP against the stand-in server, through Guice. */
class BridgeOverStandInTest {
    private static final Environment PROD = Environment.PRODUCTION;
    private static final Player P0 = Player.of("player-0");

    private Stack stack;

    @BeforeEach
    void start() {
        stack = Stack.start(2, 1_000, new JournalSettings.InMemory(), Duration.ofMillis(500), 4, true);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private PlayerSession s0() {
        return stack.session("player-0");
    }

    private List<LedgerEntry> ledgerFor(String billNo) {
        return stack.server.admin().ledger().stream()
                .filter(e -> e.billNo().equals(billNo))
                .toList();
    }

    private OrderStatus status(String order) {
        return stack.journal.find(JournalKey.of(PROD, P0, order)).orElseThrow().status();
    }

    @Test
    void aGameMigratesPlayerByPlayerAndRefundsGoWhereTheDeductionWent() {
        stack.bridge.deduct(Deduction.of(P0, 100, OrderNo.of("d-v1")), s0(), PROD);
        stack.router.setPolicy(PROD, RoutingPolicy.allPayV2());
        stack.bridge.deduct(Deduction.of(P0, 50, OrderNo.of("d-v2")), s0(), PROD);
        stack.bridge.refund(Refund.of(P0, OrderNo.of("d-v1"), OrderNo.of("r-v1"), 100), s0(), PROD);
        stack.bridge.refund(Refund.of(P0, OrderNo.of("d-v2"), OrderNo.of("r-v2"), 20), s0(), PROD);

        assertEquals(
                ApiVersion.MIDAS_V1.label(), ledgerFor("d-v1").get(0).version().label());
        assertEquals(
                ApiVersion.PAY_V2.label(), ledgerFor("d-v2").get(0).version().label());
        assertEquals(
                ApiVersion.MIDAS_V1.label(),
                stack.server.admin().ledger().get(2).version().label(),
                "v1 refund of a v1 order");
        assertEquals(
                ApiVersion.PAY_V2.label(), ledgerFor("r-v2").get(0).version().label());
        assertEquals(
                1_000 - 100 - 50 + 100 + 20,
                stack.bridge.balance(P0, s0(), PROD).balance());
        assertEquals(0, stack.bridge.shadowReport().diverged(), "both versions see one account");
        assertEquals(1, stack.bridge.shadowReport().compared());
    }

    @Test
    void aConnectionDroppedAfterApplyingIsRetriedAndDeductsOnce() {
        stack.server.admin().addFault(Fault.of(FaultKind.DROP_AFTER_APPLY).forEndpoint("pay"));
        assertEquals(
                900,
                stack.bridge
                        .deduct(Deduction.of(P0, 100, OrderNo.of("b1")), s0(), PROD)
                        .balance());
        assertEquals(1, ledgerFor("b1").size());
        assertEquals(OrderStatus.APPLIED, status("b1"));
    }

    @Test
    void aStallPastTheTimeoutIsRetriedAndGrantsOnce() {
        stack.server
                .admin()
                .addFault(Fault.of(FaultKind.STALL_AFTER_APPLY)
                        .forEndpoint("present")
                        .delay(Duration.ofMillis(1_200)));
        assertEquals(
                1_010,
                stack.bridge
                        .grant(Grant.of(P0, 10, OrderNo.of("g1")), s0(), PROD)
                        .balance());
        assertEquals(1, ledgerFor("g1").size());
    }

    @Test
    void busy502AndGarbageAnswersAreRetriedUntilDefinite() {
        stack.server.admin().addFault(Fault.of(FaultKind.BUSY).forEndpoint("pay"));
        stack.server.admin().addFault(Fault.of(FaultKind.HTTP_502).forEndpoint("pay"));
        stack.server.admin().addFault(Fault.of(FaultKind.NOT_JSON).forEndpoint("pay"));
        stack.bridge.deduct(Deduction.of(P0, 1, OrderNo.of("b1")), s0(), PROD);
        assertEquals(
                4,
                stack.journal.find(JournalKey.of(PROD, P0, "b1")).orElseThrow().attempts());
        assertEquals(1, ledgerFor("b1").size());
    }

    @Test
    void anOrderStillUnknownAfterTheBudgetIsReconciledLaterExactlyOnce() {
        stack.server
                .admin()
                .addFault(Fault.of(FaultKind.DROP_AFTER_APPLY).forOrder("b1").times(Fault.UNLIMITED));
        PaymentException e = assertThrows(
                PaymentException.class, () -> stack.bridge.deduct(Deduction.of(P0, 100, OrderNo.of("b1")), s0(), PROD));
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(OrderStatus.UNKNOWN, status("b1"));

        stack.server.admin().clearFaults();
        ReconcileReport report = stack.bridge.reconcile(openid -> Optional.of(stack.session(openid)));
        assertEquals(1, report.applied());
        assertEquals(OrderStatus.APPLIED, status("b1"));
        assertEquals(1, ledgerFor("b1").size(), "applied by the first attempt, never again");
        assertEquals(
                900,
                stack.server
                        .admin()
                        .balance(dev.midasbridge.simulator.Environment.PRODUCTION, "player-0", "1")
                        .balance());
    }

    @Test
    void aRotatedSessionKeyMeansLogInAgainAndThenTheSameOrderGoesThrough() {
        stack.server.admin().rotateSessionKey("player-0", dev.midasbridge.simulator.Secret.of("fresh-key"));
        assertThrows(
                ReLoginRequiredException.class,
                () -> stack.bridge.deduct(Deduction.of(P0, 5, OrderNo.of("b1")), s0(), PROD));
        assertEquals(OrderStatus.FAILED, status("b1"));
        stack.bridge.deduct(Deduction.of(P0, 5, OrderNo.of("b1")), PlayerSession.of("player-0", "fresh-key"), PROD);
        assertEquals(OrderStatus.APPLIED, status("b1"));
    }
}
