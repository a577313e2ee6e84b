package dev.midasbridge.conformance.standin;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.AccessTokenProvider;
import dev.midasbridge.core.credentials.ApiCredentials;
import dev.midasbridge.core.credentials.PlayerSession;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.error.ConfigurationException;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.ReLoginRequiredException;
import dev.midasbridge.core.error.RejectedException;
import dev.midasbridge.core.gateway.CallContext;
import dev.midasbridge.core.gateway.CurrencyGateway;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.GrantReceipt;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.midas.v1.MidasV1;
import dev.midasbridge.midas.v1.MidasV1Config;
import dev.midasbridge.payv2.PayV2;
import dev.midasbridge.payv2.PayV2Config;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.StandInServer;
import dev.midasbridge.simulator.Wire;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both HTTP adapters (the real gateways, over loopback) against the stand-in server: every endpoint and the errors. */
class AdaptersTest {
    private final Wire wire = Wire.start();
    private final CurrencyGateway v1 = midasV1(wire.server, Wire.V1_OFFER);
    private final CurrencyGateway v2 = payV2(wire.server, Wire.V2_OFFER);
    private final Player alice = Player.of(ALICE);
    private final Player bob = Player.of(BOB);

    static CurrencyGateway midasV1(StandInServer server, String offerId) {
        ApiCredentials credentials =
                ApiCredentials.midasV1(Wire.V1_APPID, offerId, Secret.of(Wire.V1_KEY), Secret.of(Wire.V1_SANDBOX_KEY));
        return MidasV1.create(
                MidasV1Config.builder(credentials).baseUrl(server.baseUrl()).build(),
                AccessTokenProvider.fixed(Wire.TOKEN));
    }

    static CurrencyGateway payV2(StandInServer server, String offerId) {
        ApiCredentials credentials =
                ApiCredentials.payV2(offerId, Secret.of(Wire.V2_KEY), Secret.of(Wire.V2_SANDBOX_KEY));
        return PayV2.create(
                PayV2Config.builder(credentials).baseUrl(server.baseUrl()).build(),
                AccessTokenProvider.fixed(Wire.TOKEN));
    }

    static CallContext production(String openid) {
        return CallContext.production(PlayerSession.of(openid, Wire.sessionKeyOf(openid)), Duration.ofSeconds(5));
    }

    static CallContext sandbox(String openid) {
        return CallContext.sandbox(PlayerSession.of(openid, Wire.sessionKeyOf(openid)), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    @Test
    void bothAdaptersReadTheSameBalance() {
        for (CurrencyGateway g : new CurrencyGateway[] {v1, v2}) {
            Balance b = g.balance(BalanceQuery.of(alice), production(ALICE));
            assertEquals(1000, b.balance(), g.version().label());
            assertEquals(100, b.presentBalance(), g.version().label());
            assertEquals(900, b.sumSave(), g.version().label());
            assertEquals(1000, b.sumBalance(), g.version().label());
            assertEquals(0, b.sumCost(), g.version().label());
            assertEquals(100, b.sumPresent(), g.version().label());
            assertFalse(b.firstSave(), g.version().label());
        }
    }

    @Test
    void deductThroughV1ThenGrantThroughV2() {
        DeductionReceipt paid = v1.deduct(Deduction.of(alice, 130, OrderNo.of("ad-v1-pay")), production(ALICE));
        assertEquals(870, paid.balance());
        assertEquals(100, paid.presentUsed());
        GrantReceipt granted = v2.grant(
                Grant.of(alice, 30, OrderNo.forVersion("ad-v2-gift", dev.midasbridge.core.ApiVersion.PAY_V2)),
                production(ALICE));
        assertEquals(900, granted.balance());
        assertEquals(900, v1.balance(BalanceQuery.of(alice), production(ALICE)).balance());
    }

    @Test
    void refundWholeThroughV1AndInPartsThroughV2() {
        v2.deduct(Deduction.of(bob, 40, OrderNo.of("ad-bob-1")), production(BOB));
        v2.refund(Refund.of(bob, OrderNo.of("ad-bob-1"), OrderNo.of("ad-bob-r1"), 15), production(BOB));
        assertEquals(25, v2.balance(BalanceQuery.of(bob), production(BOB)).balance());
        v1.refund(Refund.whole(bob, OrderNo.of("ad-bob-1")), production(BOB));
        assertEquals(50, v1.balance(BalanceQuery.of(bob), production(BOB)).balance());
        PaymentException again = assertThrows(
                PaymentException.class, () -> v1.refund(Refund.whole(bob, OrderNo.of("ad-bob-1")), production(BOB)));
        assertEquals(ErrorKind.ORDER_ALREADY_ROLLED_BACK, again.kind());
    }

    @Test
    void queryOrderThroughV2AndNotSupportedThroughV1() {
        OrderInfo info = v2.queryOrder(OrderQuery.of(alice, "purchase-1", BizType.fromCode(1)), production(ALICE));
        assertEquals("purchase-1", info.outTradeNo());
        assertEquals("tx-1", info.transactionId());
        assertEquals(2, info.deliverState());
        PaymentException e = assertThrows(
                PaymentException.class,
                () -> v1.queryOrder(OrderQuery.of(alice, "purchase-1", BizType.fromCode(1)), production(ALICE)));
        assertEquals(ErrorKind.NOT_SUPPORTED, e.kind());
    }

    @Test
    void sandboxCallsOfBothAdaptersMeetInTheSandboxWorld() {
        v1.deduct(Deduction.of(alice, 10, OrderNo.of("ad-sb-1")), sandbox(ALICE));
        assertEquals(990, v2.balance(BalanceQuery.of(alice), sandbox(ALICE)).balance());
        assertEquals(1000, v2.balance(BalanceQuery.of(alice), production(ALICE)).balance());
    }

    @Test
    void rejectionsAreTypedByKind() {
        v2.deduct(Deduction.of(bob, 1, OrderNo.of("ad-dup")), production(BOB));
        RejectedException dup = assertThrows(
                RejectedException.class, () -> v1.deduct(Deduction.of(bob, 1, OrderNo.of("ad-dup")), production(BOB)));
        assertEquals(ErrorKind.DUPLICATE_ORDER, dup.kind());
        RejectedException low = assertThrows(
                RejectedException.class,
                () -> v2.deduct(Deduction.of(bob, 5000, OrderNo.of("ad-low")), production(BOB)));
        assertEquals(ErrorKind.INSUFFICIENT_BALANCE, low.kind());
        RejectedException missing = assertThrows(
                RejectedException.class,
                () -> v2.refund(Refund.of(bob, OrderNo.of("ad-none"), OrderNo.of("ad-none-r"), 1), production(BOB)));
        assertEquals(ErrorKind.ORDER_NOT_FOUND, missing.kind());
    }

    @Test
    void aStaleSessionKeyMeansLogInAgainForBothVersions() {
        wire.admin().rotateSessionKey(ALICE, dev.midasbridge.simulator.Secret.of("alice-relogged"));
        assertInstanceOf(
                ReLoginRequiredException.class,
                assertThrows(PaymentException.class, () -> v2.balance(BalanceQuery.of(alice), production(ALICE))));
        assertInstanceOf(
                ReLoginRequiredException.class,
                assertThrows(PaymentException.class, () -> v1.balance(BalanceQuery.of(alice), production(ALICE))));
    }

    @Test
    void theOtherVersionsOfferIsAConfigurationProblem() {
        CurrencyGateway v1WithV2Offer = midasV1(wire.server, Wire.V2_OFFER);
        ConfigurationException e1 = assertThrows(
                ConfigurationException.class, () -> v1WithV2Offer.balance(BalanceQuery.of(alice), production(ALICE)));
        assertEquals(ErrorKind.CONFIGURATION_FAULT, e1.kind());
        CurrencyGateway v2WithV1Offer = payV2(wire.server, Wire.V1_OFFER);
        PaymentException e2 = assertThrows(
                PaymentException.class, () -> v2WithV1Offer.balance(BalanceQuery.of(alice), production(ALICE)));
        assertEquals(ErrorKind.INVALID_PARAMETER, e2.kind());
    }

    @Test
    void busyDropsBadGatewaysAndHtmlAreOutcomeUnknownAndSafeToRetry() {
        FaultKind[] kinds = {FaultKind.BUSY, FaultKind.DROP_AFTER_APPLY, FaultKind.HTTP_502, FaultKind.NOT_JSON};
        for (CurrencyGateway g : new CurrencyGateway[] {v1, v2}) {
            for (FaultKind kind : kinds) {
                wire.admin().addFault(Fault.of(kind).forEndpoint("pay"));
                String bill = "ad-" + g.version().label().replace('_', '-') + "-"
                        + kind.wireName().replace('_', '-');
                Deduction d = Deduction.of(bob, 1, OrderNo.of(bill));
                OutcomeUnknownException e = assertThrows(
                        OutcomeUnknownException.class,
                        () -> g.deduct(d, production(BOB)),
                        g.version().label() + " " + kind);
                assertTrue(e.retrySameOrderSafe(), kind.toString());
                if (kind == FaultKind.DROP_AFTER_APPLY) {
                    assertEquals(
                            ErrorKind.DUPLICATE_ORDER,
                            assertThrows(RejectedException.class, () -> g.deduct(d, production(BOB)))
                                    .kind());
                } else {
                    g.deduct(d, production(BOB));
                }
            }
        }
        assertEquals(
                50 - 8,
                wire.admin()
                        .balance(dev.midasbridge.simulator.Environment.PRODUCTION, BOB, "1")
                        .balance());
    }

    @Test
    void midasV1RefundCodesThatTheStandInOnlyInjectsAreMappedPerVersion() {
        v1.deduct(Deduction.of(bob, 5, OrderNo.of("ad-inj")), production(BOB));
        wire.admin().addFault(Fault.of(FaultKind.ERRCODE).errcode(90014).forEndpoint("cancelpay"));
        wire.admin().addFault(Fault.of(FaultKind.ERRCODE).errcode(90016).forEndpoint("cancelpay"));
        Refund refund = Refund.whole(bob, OrderNo.of("ad-inj"));
        assertEquals(
                ErrorKind.ORDER_ALREADY_CONFIRMED,
                assertThrows(PaymentException.class, () -> v1.refund(refund, production(BOB)))
                        .kind());
        assertEquals(
                ErrorKind.ORDER_PROCESSING,
                assertThrows(PaymentException.class, () -> v1.refund(refund, production(BOB)))
                        .kind());
        v1.refund(refund, production(BOB));
        assertEquals(
                50,
                wire.admin()
                        .balance(dev.midasbridge.simulator.Environment.PRODUCTION, BOB, "1")
                        .balance());
    }

    @Test
    void aStallPastTheDeadlineIsATimeoutWithTheDeductionApplied() {
        wire.admin()
                .addFault(Fault.of(FaultKind.STALL_AFTER_APPLY)
                        .forOrder("ad-stall")
                        .delay(Duration.ofSeconds(5)));
        CallContext hurried = CallContext.production(PlayerSession.of(BOB, Wire.BOB_KEY), Duration.ofMillis(500));
        OutcomeUnknownException e = assertThrows(
                OutcomeUnknownException.class, () -> v2.deduct(Deduction.of(bob, 3, OrderNo.of("ad-stall")), hurried));
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertEquals(
                47,
                wire.admin()
                        .balance(dev.midasbridge.simulator.Environment.PRODUCTION, BOB, "1")
                        .balance());
    }

    @Test
    void aWrongAppKeyIsAnAppSignatureError() {
        ApiCredentials wrong =
                ApiCredentials.payV2(Wire.V2_OFFER, Secret.of("not-the-key"), Secret.of(Wire.V2_SANDBOX_KEY));
        CurrencyGateway g = PayV2.create(
                PayV2Config.builder(wrong).baseUrl(wire.server.baseUrl()).build(),
                AccessTokenProvider.fixed(Wire.TOKEN));
        PaymentException e =
                assertThrows(PaymentException.class, () -> g.balance(BalanceQuery.of(alice), production(ALICE)));
        assertEquals(ErrorKind.APP_SIGNATURE_INVALID, e.kind());
        assertFalse(String.valueOf(e.getMessage()).contains("not-the-key"));
    }
}
