package dev.midasbridge.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.error.ConfigurationException;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.ReLoginRequiredException;
import dev.midasbridge.core.error.RejectedException;
import dev.midasbridge.core.error.RetryableException;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.WeChatModel.Fault;
import dev.midasbridge.engine.journal.InMemoryJournal;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.JournalEvent;
import dev.midasbridge.engine.journal.JournalKey;
import dev.midasbridge.engine.journal.OrderStatus;
import dev.midasbridge.engine.routing.Router;
import dev.midasbridge.engine.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GameCurrencyTest {
    private static final Player ALICE = Player.of("alice");
    private static final PlayerSession SESSION = PlayerSession.of("alice", "session-key");
    private static final Environment PROD = Environment.PRODUCTION;

    private WeChatModel wechat;
    private InMemoryJournal journal;
    private Router router;

    @BeforeEach
    void setUp() {
        wechat = new WeChatModel();
        wechat.balances.put("alice", 1_000L);
        journal = InMemoryJournal.create();
        router = Router.create(RoutingPolicy.allMidasV1());
    }

    private GameCurrency bridge(BridgeConfig.Builder config) {
        return GameCurrency.create(
                Map.of(
                        ApiVersion.MIDAS_V1,
                        wechat.gateway(ApiVersion.MIDAS_V1),
                        ApiVersion.PAY_V2,
                        wechat.gateway(ApiVersion.PAY_V2)),
                journal,
                config.router(router)
                        .retry(RetryPolicy.defaults().withoutSleeping())
                        .build());
    }

    private GameCurrency bridge() {
        return bridge(BridgeConfig.builder());
    }

    private static Deduction deduction(String order, long amount) {
        return Deduction.of(ALICE, amount, OrderNo.of(order));
    }

    private OrderStatus status(String order) {
        return journal.find(JournalKey.of(PROD, ALICE, order)).orElseThrow().status();
    }

    @Test
    void aDeductionIsJournaledAndApplied() {
        DeductionReceipt r = bridge().deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(900, r.balance());
        assertEquals(OrderStatus.APPLIED, status("b1"));
        assertEquals(900, wechat.balance("alice"));
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameOrderAndA90012ThenMeansOurEarlierAttemptSucceeded() {
        wechat.faults.add(Fault.APPLY_THEN_TIMEOUT);
        DeductionReceipt r = bridge().deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(900, r.balance(), "the balance is fetched to complete the receipt");
        assertEquals(900, wechat.balance("alice"), "deducted once");
        assertEquals(List.of("midas_v1 pay b1", "midas_v1 pay b1"), wechat.calls);
        assertEquals(OrderStatus.APPLIED, status("b1"));
    }

    @Test
    void systemBusyIsRetriedUntilDefinite() {
        wechat.faults.addAll(List.of(Fault.BUSY, Fault.BUSY, Fault.BUSY));
        bridge().deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(4, wechat.calls.size());
        assertEquals(
                4, journal.find(JournalKey.of(PROD, ALICE, "b1")).orElseThrow().attempts());
        assertEquals(900, wechat.balance("alice"));
    }

    @Test
    void a90012WithNoEarlierAttemptIsADuplicateAndTheJournalKeepsThatAnswer() {
        wechat.applied.put("b1", -5L);
        GameCurrency bridge = bridge();
        RejectedException e =
                assertThrows(RejectedException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(ErrorKind.DUPLICATE_ORDER, e.kind());
        assertEquals(OrderStatus.REJECTED, status("b1"));
        RejectedException again =
                assertThrows(RejectedException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(ErrorKind.DUPLICATE_ORDER, again.kind());
        assertEquals(1, wechat.calls.size(), "a rejected order is answered from the journal");
    }

    @Test
    void anOrderStillUnknownWhenTheBudgetRunsOutIsJournaledAsUnknownAndReconciledLater() {
        for (int i = 0; i < 3; i++) {
            wechat.faults.add(Fault.BUSY);
        }
        wechat.faults.addFirst(Fault.APPLY_THEN_TIMEOUT);
        GameCurrency bridge = bridge(BridgeConfig.builder());
        GameCurrency small = GameCurrency.create(
                Map.of(ApiVersion.MIDAS_V1, wechat.gateway(ApiVersion.MIDAS_V1)),
                journal,
                BridgeConfig.builder()
                        .router(router)
                        .retry(RetryPolicy.defaults().withoutSleeping().withMaxAttempts(3))
                        .build());
        OutcomeUnknownException e =
                assertThrows(OutcomeUnknownException.class, () -> small.deduct(deduction("b1", 100), SESSION, PROD));
        assertTrue(e.getMessage().contains("journaled as UNKNOWN"), e.getMessage());
        assertEquals(OrderStatus.UNKNOWN, status("b1"));

        ReconcileReport report = bridge.reconcile(openid -> Optional.of(SESSION));
        assertEquals(1, report.applied());
        assertEquals(OrderStatus.APPLIED, status("b1"));
        assertEquals(900, wechat.balance("alice"), "deducted exactly once");
    }

    @Test
    void aConfigurationFaultIsNotRetried() {
        wechat.faults.add(Fault.CONFIG_FAULT);
        assertThrows(ConfigurationException.class, () -> bridge().deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(1, wechat.calls.size());
        assertEquals(OrderStatus.FAILED, status("b1"));
    }

    @Test
    void aSessionExpiryAfterAnUnknownAttemptLeavesTheOrderUnknownNotFailed() {
        wechat.faults.addAll(List.of(Fault.APPLY_THEN_TIMEOUT, Fault.SESSION_EXPIRED));
        PaymentException e =
                assertThrows(PaymentException.class, () -> bridge().deduct(deduction("b1", 100), SESSION, PROD));
        assertInstanceOf(OutcomeUnknownException.class, e);
        assertEquals(ErrorKind.SESSION_EXPIRED, ((PaymentException) e.getCause()).kind());
        assertEquals(OrderStatus.UNKNOWN, status("b1"));
    }

    @Test
    void anOrderStaysOnTheVersionThatFirstSawItWhateverThePolicySaysNow() {
        wechat.faults.add(Fault.CONFIG_FAULT);
        GameCurrency bridge = bridge();
        assertThrows(ConfigurationException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        router.setPolicy(PROD, RoutingPolicy.allPayV2());
        bridge.deduct(deduction("b1", 100), SESSION, PROD);
        bridge.deduct(deduction("b2", 100), SESSION, PROD);
        assertEquals(List.of("midas_v1 pay b1", "midas_v1 pay b1", "pay_v2 pay b2"), wechat.calls);
    }

    @Test
    void aLegacyOrderNumberIsRejectedForPayV2UnlessAPrefixRemapsIt() {
        router.setPolicy(PROD, RoutingPolicy.allPayV2());
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> bridge().deduct(deduction("_legacy_1", 10), SESSION, PROD));
        assertEquals(
                "bill_no \"_legacy_1\" is not valid for pay_v2: it must not begin with '_' "
                        + "(configure a legacy order prefix to remap such order numbers)",
                e.getMessage());

        GameCurrency remapping = bridge(BridgeConfig.builder().legacyOrderPrefix("L"));
        DeductionReceipt r = remapping.deduct(deduction("_legacy_2", 10), SESSION, PROD);
        assertEquals("_legacy_2", r.orderNo().value(), "the caller keeps its own order number");
        assertEquals(List.of("pay_v2 pay L_legacy_2"), wechat.calls);
        JournalEntry entry =
                journal.find(JournalKey.of(PROD, ALICE, "_legacy_2")).orElseThrow();
        assertEquals("L_legacy_2", entry.wireOrderNo());

        remapping.refund(Refund.of(ALICE, OrderNo.of("_legacy_2"), OrderNo.of("r-1"), 10), SESSION, PROD);
        assertEquals(1_000, wechat.balance("alice"), "the refund found the remapped deduction");
    }

    @Test
    void midasV1RefundsWholeDeductionsOnly() {
        GameCurrency bridge = bridge();
        bridge.deduct(deduction("b1", 100), SESSION, PROD);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> bridge.refund(Refund.of(ALICE, OrderNo.of("b1"), OrderNo.of("r1"), 40), SESSION, PROD));
        assertEquals(
                "amount 40: midas_v1 refunds the whole deduction b1 (100 coins); leave amount out", e.getMessage());
        bridge.refund(Refund.of(ALICE, OrderNo.of("b1"), OrderNo.of("r2"), 100), SESSION, PROD);
        assertEquals(1_000, wechat.balance("alice"));
    }

    @Test
    void aMidasV1RefundWhoseAnswerWasLostIsConfirmedByItsAlreadyRolledBack() {
        GameCurrency bridge = bridge();
        bridge.deduct(deduction("b1", 100), SESSION, PROD);
        wechat.faults.add(Fault.APPLY_THEN_TIMEOUT);
        bridge.refund(Refund.of(ALICE, OrderNo.of("b1"), OrderNo.of("r1"), 100), SESSION, PROD);
        assertEquals(OrderStatus.APPLIED, status("r1"));
        assertEquals(1_000, wechat.balance("alice"));
    }

    @Test
    void aSecondMidasV1RefundOfOneDeductionIsRefusedBeforeSending() {
        GameCurrency bridge = bridge();
        bridge.deduct(deduction("b1", 100), SESSION, PROD);
        bridge.refund(Refund.of(ALICE, OrderNo.of("b1"), OrderNo.of("r1"), 100), SESSION, PROD);
        RejectedException e = assertThrows(
                RejectedException.class,
                () -> bridge.refund(Refund.of(ALICE, OrderNo.of("b1"), OrderNo.of("r2"), 100), SESSION, PROD));
        assertEquals(ErrorKind.ORDER_ALREADY_ROLLED_BACK, e.kind());
        assertTrue(e.getMessage().contains("already has refund r1"), e.getMessage());
        assertEquals(2, wechat.calls.size(), "nothing was sent for r2");
    }

    @Test
    void payV2RefundsMayBePartialAndGoWhereTheDeductionWent() {
        router.setPolicy(PROD, RoutingPolicy.allPayV2());
        GameCurrency bridge = bridge();
        bridge.deduct(deduction("b1", 100), SESSION, PROD);
        router.setPolicy(PROD, RoutingPolicy.allMidasV1());
        bridge.refund(Refund.of(ALICE, OrderNo.of("b1"), OrderNo.of("r1"), 30), SESSION, PROD);
        assertEquals(930, wechat.balance("alice"));
        assertEquals("pay_v2 cancelpay r1", wechat.calls.get(1));
    }

    @Test
    void theSameOrderNumberForADifferentRequestIsAnInputError() {
        GameCurrency bridge = bridge();
        bridge.deduct(deduction("b1", 100), SESSION, PROD);
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> bridge.deduct(deduction("b1", 101), SESSION, PROD));
        assertTrue(e.getMessage().startsWith("bill_no \"b1\": already used for a different deduct"), e.getMessage());
        DeductionReceipt again = bridge.deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(900, again.balance(), "the same request again is answered from the journal");
        assertEquals(1, wechat.calls.size());
    }

    @Test
    void grantsAreJournaledAndIdempotentToo() {
        GameCurrency bridge = bridge();
        wechat.faults.add(Fault.APPLY_THEN_TIMEOUT);
        assertEquals(
                1_050,
                bridge.grant(Grant.of(ALICE, 50, OrderNo.of("g1")), SESSION, PROD)
                        .balance());
        assertEquals(1_050, wechat.balance("alice"));
    }

    @Test
    void shadowReadsRecordDivergencesAndNeverFailTheAnswer() {
        WeChatModel other = new WeChatModel();
        other.balances.put("alice", 999L);
        GameCurrency bridge = GameCurrency.create(
                Map.of(
                        ApiVersion.MIDAS_V1,
                        wechat.gateway(ApiVersion.MIDAS_V1),
                        ApiVersion.PAY_V2,
                        other.gateway(ApiVersion.PAY_V2)),
                journal,
                BridgeConfig.builder().router(router).shadowReads(true).build());
        assertEquals(1_000, bridge.balance(ALICE, SESSION, PROD).balance());
        ShadowReport report = bridge.shadowReport();
        assertEquals(1, report.diverged());
        Divergence d = report.divergences().get(0);
        assertEquals(List.of(new Divergence.Field("balance", 1_000, 999)), d.fields());
        assertEquals(ALICE, d.player());
    }

    @Test
    void aSessionOfAnotherPlayerIsRejected() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> bridge().deduct(deduction("b1", 1), PlayerSession.of("bob", "k"), PROD));
        assertEquals("openid \"alice\": the session given belongs to another player", e.getMessage());
    }

    // --- issue 10: a call that sent nothing is not a sent attempt ------------------------------------------------

    private JournalEntry entry(String order) {
        return journal.find(JournalKey.of(PROD, ALICE, order)).orElseThrow();
    }

    private List<String> history(String order) {
        return journal.history(JournalKey.of(PROD, ALICE, order)).stream()
                .map(JournalEvent::text)
                .toList();
    }

    @Test
    void anAccessTokenFailureIsNotASentAttemptAndLeavesTheOrderPending() {
        wechat.faults.add(Fault.TOKEN_UNAVAILABLE);
        RetryableException e =
                assertThrows(RetryableException.class, () -> bridge().deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(ErrorKind.ACCESS_TOKEN_UNAVAILABLE, e.kind());
        JournalEntry row = entry("b1");
        assertEquals(OrderStatus.PENDING, row.status());
        assertEquals(0, row.attempts(), "no attempt was sent");
        assertFalse(row.maybeApplied());
        assertEquals(List.of(), wechat.calls, "nothing reached the server");
        assertEquals(1, wechat.tokenFailures, "not retried in a loop: the caller hears at once");
        List<String> events = history("b1");
        assertTrue(events.stream().noneMatch(t -> t.contains("sent") && t.startsWith("attempt")), events.toString());
        assertTrue(events.get(events.size() - 1).startsWith("not sent: access token unavailable ("), events.toString());
        assertEquals(1_000, wechat.balance("alice"));
    }

    @Test
    void anAttemptIsJournaledAsSentBeforeTheRequestReachesTheServer() {
        List<Integer> seen = new java.util.ArrayList<>();
        wechat.atServer = () -> journal.find(JournalKey.of(PROD, ALICE, "b1"))
                .ifPresent(e -> seen.add(e.maybeApplied() ? e.attempts() : -e.attempts()));
        wechat.faults.add(Fault.BUSY);
        bridge().deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(List.of(1, 2), seen, "attempt n is journaled (maybe applied) before request n is handled");
    }

    @Test
    void a90012AfterACallThatSentNothingIsSomeoneElsesOrderNotOurs() {
        wechat.faults.add(Fault.TOKEN_UNAVAILABLE);
        GameCurrency bridge = bridge();
        assertThrows(RetryableException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        wechat.applied.put("b1", -5L); // the number is used by another system meanwhile
        RejectedException e =
                assertThrows(RejectedException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(ErrorKind.DUPLICATE_ORDER, e.kind());
        assertEquals(OrderStatus.REJECTED, status("b1"));
    }

    @Test
    void anAccessTokenFailureAfterAnAttemptThatMayHaveAppliedLeavesTheOrderUnknown() {
        wechat.faults.addAll(List.of(Fault.APPLY_THEN_TIMEOUT, Fault.TOKEN_UNAVAILABLE));
        OutcomeUnknownException e =
                assertThrows(OutcomeUnknownException.class, () -> bridge().deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(ErrorKind.ACCESS_TOKEN_UNAVAILABLE, ((PaymentException) e.getCause()).kind());
        assertEquals(OrderStatus.UNKNOWN, status("b1"));
        assertEquals(1, entry("b1").attempts());
        bridge().reconcile(openid -> Optional.of(SESSION));
        assertEquals(OrderStatus.APPLIED, status("b1"));
        assertEquals(900, wechat.balance("alice"), "deducted once");
    }

    @Test
    void reconcileSendsANeverSentOrderAsAFirstAttemptAndSaysSo() {
        wechat.faults.add(Fault.TOKEN_UNAVAILABLE);
        GameCurrency bridge = bridge();
        assertThrows(RetryableException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        ReconcileReport report = bridge.reconcile(openid -> Optional.of(SESSION));
        assertEquals(1, report.applied());
        assertEquals(1, report.neverSent());
        assertTrue(
                report.lines().get(0).contains("never sent before"),
                report.lines().toString());
        assertEquals(900, wechat.balance("alice"));
        assertEquals(1, entry("b1").attempts());
    }

    @Test
    void reconcileOfANeverSentOrderTreatsA90012AsSomeoneElses() {
        wechat.faults.add(Fault.TOKEN_UNAVAILABLE);
        GameCurrency bridge = bridge();
        assertThrows(RetryableException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        wechat.applied.put("b1", -5L);
        ReconcileReport report = bridge.reconcile(openid -> Optional.of(SESSION));
        assertEquals(0, report.applied());
        assertEquals(1, report.notApplied());
        assertEquals(OrderStatus.REJECTED, status("b1"));
    }

    @Test
    void aGatewayThatNeverCallsBeforeSendIsStillTakenAtItsWordWhenTheOutcomeIsUnknown() {
        wechat.callsBeforeSend = false;
        wechat.faults.add(Fault.APPLY_THEN_TIMEOUT);
        DeductionReceipt r = bridge().deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(900, r.balance());
        assertEquals(OrderStatus.APPLIED, status("b1"));
        assertEquals(900, wechat.balance("alice"), "deducted once");
    }

    // --- issue 10: a stale session_key ----------------------------------------------------------------------------

    @Test
    void aStaleSessionKeyIsReplacedOnceFromTheSessionLookupAndTheOrderAppliedOnce() {
        wechat.sessionKeys.put("alice", "fresh-key");
        PlayerSession fresh = PlayerSession.of("alice", "fresh-key");
        List<String> asked = new java.util.ArrayList<>();
        GameCurrency bridge = bridge(BridgeConfig.builder().sessionLookup(openid -> {
            asked.add(openid);
            return Optional.of(fresh);
        }));
        DeductionReceipt r = bridge.deduct(deduction("b1", 100), SESSION, PROD);
        assertEquals(900, r.balance());
        assertEquals(900, wechat.balance("alice"), "exactly one deduction");
        assertEquals(List.of("alice"), asked);
        assertEquals(
                List.of("midas_v1 pay b1 rejected: signature", "midas_v1 pay b1"),
                wechat.calls,
                "same order number, same version");
        assertEquals(OrderStatus.APPLIED, status("b1"));
        assertEquals(
                1_000,
                bridge.grant(Grant.of(ALICE, 100, OrderNo.of("g1")), SESSION, PROD)
                        .balance());
        assertEquals(1_000, bridge.balance(ALICE, SESSION, PROD).balance(), "reads refresh the key too");
    }

    @Test
    void aStaleSessionKeyWithoutASessionLookupGivesUpAtOnce() {
        wechat.sessionKeys.put("alice", "fresh-key");
        ReLoginRequiredException e = assertThrows(
                ReLoginRequiredException.class, () -> bridge().deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(ErrorKind.PLAYER_SIGNATURE_INVALID, e.kind());
        assertTrue(e.getMessage().contains("fetch the player's current session_key"), e.getMessage());
        assertEquals(1, wechat.calls.size());
        assertEquals(OrderStatus.FAILED, status("b1"));
    }

    @Test
    void aSessionLookupThatKnowsNoNewerKeyGivesUpAfterOneCall() {
        wechat.sessionKeys.put("alice", "fresh-key");
        GameCurrency bridge = bridge(BridgeConfig.builder().sessionLookup(openid -> Optional.of(SESSION)));
        assertThrows(ReLoginRequiredException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(1, wechat.calls.size(), "the same stale key is not sent again");
        assertEquals(OrderStatus.FAILED, status("b1"));
    }

    @Test
    void aStaleKeyIsReplacedOnlyOnce() {
        wechat.sessionKeys.put("alice", "fresh-key");
        GameCurrency bridge = bridge(
                BridgeConfig.builder().sessionLookup(openid -> Optional.of(PlayerSession.of("alice", "also-stale"))));
        assertThrows(ReLoginRequiredException.class, () -> bridge.deduct(deduction("b1", 100), SESSION, PROD));
        assertEquals(2, wechat.calls.size());
        assertEquals(1_000, wechat.balance("alice"));
    }

    // --- issue 10: refunds of orders the journal does not know ----------------------------------------------------

    @Test
    void aRefundOfAnOrderTheJournalDoesNotKnowIsRefusedUnlessAVersionIsNamed() {
        wechat.applied.put("elsewhere", -100L);
        wechat.balances.put("alice", 900L);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> bridge().refund(Refund.of(ALICE, OrderNo.of("elsewhere"), OrderNo.of("r1"), 100), SESSION, PROD));
        assertTrue(e.getMessage().contains("the journal does not know this deduction"), e.getMessage());
        assertTrue(e.getMessage().contains("unjournaledOrderVersion"), e.getMessage());
        assertEquals(List.of(), wechat.calls, "nothing was sent");

        bridge(BridgeConfig.builder().unjournaledOrderVersion(ApiVersion.PAY_V2))
                .refund(Refund.of(ALICE, OrderNo.of("elsewhere"), OrderNo.of("r2"), 100), SESSION, PROD);
        assertEquals(List.of("pay_v2 cancelpay r2"), wechat.calls);
        assertEquals(1_000, wechat.balance("alice"));
    }
}
