package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.BOB;
import static dev.midasbridge.simulator.Wire.errcode;
import static dev.midasbridge.simulator.Wire.extra;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One account per player seen through both versions, one order namespace, the 48-hour window, separate worlds. */
class AccountsTest {
    private final Wire.MovableClock clock = new Wire.MovableClock();
    private final Wire wire = Wire.start(StandInServer.Options.defaults().withClock(clock));

    @AfterEach
    void stop() {
        wire.close();
    }

    private Map<String, Object> v1Pay(String openid, boolean sandbox, long amt, String billNo) {
        LinkedHashMap<String, Object> p = Wire.v1Params(openid);
        p.put("amt", amt);
        p.put("bill_no", billNo);
        return wire.v1("pay", sandbox, p);
    }

    private Map<String, Object> v2Pay(String openid, int env, long amount, String billNo) {
        return wire.v2("pay", openid, env, extra("amount", amount, "bill_no", billNo));
    }

    private long balance(Environment env, String openid) {
        return wire.admin().balance(env, openid, "1").balance();
    }

    @Test
    void aBillNoStaysTakenFor48HoursThenMayBeUsedAgain() {
        assertEquals(0, errcode(v2Pay(ALICE, 0, 10, "window")));
        clock.advance(Duration.ofHours(47).plusMinutes(59));
        assertEquals(90012, errcode(v2Pay(ALICE, 0, 10, "window")));
        assertEquals(990, balance(Environment.PRODUCTION, ALICE));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, errcode(v2Pay(ALICE, 0, 10, "window")));
        assertEquals(980, balance(Environment.PRODUCTION, ALICE));
    }

    @Test
    void coinsDeductedThroughV1AreGoneFromTheV2BalanceAndTheReverse() {
        assertEquals(0, errcode(v1Pay(ALICE, false, 200, "v1-spend")));
        assertEquals(800, num(wire.v2("getbalance", ALICE, 0, Map.of()), "balance"));
        assertEquals(0, errcode(wire.v2("present", ALICE, 0, extra("bill_no", "v2-gift", "amount", 50))));
        Map<String, Object> v1 = wire.v1("getbalance", false, Wire.v1Params(ALICE));
        assertEquals(850, num(v1, "balance"));
        assertEquals(50, num(v1, "gen_balance"));
        assertEquals(200, num(v1, "cost_sum"));
    }

    @Test
    void orderNumbersFormOneNamespaceAcrossVersions() {
        assertEquals(0, errcode(v1Pay(ALICE, false, 1, "shared-no")));
        assertEquals(90012, errcode(v2Pay(ALICE, 0, 1, "shared-no")));
        assertEquals(0, errcode(wire.v2("present", ALICE, 0, extra("bill_no", "gift-no", "amount", 1))));
        assertEquals(90012, errcode(v1Pay(ALICE, false, 1, "gift-no")));
        assertEquals(1000 - 1 + 1, balance(Environment.PRODUCTION, ALICE), "one deduction and one grant applied");
        assertEquals(2, wire.admin().ledger().size());
    }

    @Test
    void aV1DeductionCanBeRefundedInPartsThroughV2AndTheRestThroughV1() {
        assertEquals(0, errcode(v1Pay(BOB, false, 40, "bob-v1")));
        assertEquals(
                0,
                errcode(wire.v2(
                        "cancelpay", BOB, 0, extra("pay_bill_no", "bob-v1", "bill_no", "bob-r1", "amount", 15))));
        assertEquals(25, balance(Environment.PRODUCTION, BOB));
        LinkedHashMap<String, Object> c = Wire.v1Params(BOB);
        c.put("bill_no", "bob-v1");
        assertEquals(0, errcode(wire.v1("cancelpay", false, c)));
        assertEquals(50, balance(Environment.PRODUCTION, BOB));
    }

    @Test
    void sandboxAndProductionAreSeparateWorldsSharedByBothVersions() {
        assertEquals(0, errcode(v1Pay(ALICE, true, 100, "sb-1")));
        assertEquals(900, num(wire.v2("getbalance", ALICE, 1, Map.of()), "balance"));
        assertEquals(1000, num(wire.v2("getbalance", ALICE, 0, Map.of()), "balance"));
        assertEquals(0, errcode(v2Pay(ALICE, 0, 1, "sb-1")), "production has its own order namespace");
        assertEquals(90012, errcode(v2Pay(ALICE, 1, 1, "sb-1")));
    }

    @Test
    void eachZoneIsItsOwnAccount() {
        LinkedHashMap<String, Object> p = Wire.v1Params(Wire.CAROL);
        p.put("zone_id", "2");
        p.put("bill_no", "carol-gift");
        p.put("present_counts", 9L);
        assertEquals(0, errcode(wire.v1("present", false, p)));
        assertEquals(
                9, wire.admin().balance(Environment.PRODUCTION, Wire.CAROL, "2").balance());
        assertEquals(
                0, wire.admin().balance(Environment.PRODUCTION, Wire.CAROL, "1").balance());
    }

    @Test
    void theLedgerRecordsEveryAppliedOperationAndNothingElse() {
        assertEquals(0, errcode(v1Pay(ALICE, false, 5, "l-1")));
        assertEquals(90012, errcode(v1Pay(ALICE, false, 5, "l-1")));
        assertEquals(
                90000,
                errcode(wire.v2("cancelpay", ALICE, 1, extra("pay_bill_no", "nope", "bill_no", "l-2", "amount", 1))));
        assertEquals(0, errcode(v2Pay(ALICE, 1, 7, "l-3")));
        assertEquals(
                0, errcode(wire.v2("cancelpay", ALICE, 1, extra("pay_bill_no", "l-3", "bill_no", "l-4", "amount", 2))));
        List<LedgerEntry> ledger = wire.admin().ledger();
        assertEquals(3, ledger.size());
        LedgerEntry first = ledger.get(0);
        assertEquals(ApiVersion.MIDAS_V1, first.version());
        assertEquals(Environment.PRODUCTION, first.environment());
        assertEquals("pay", first.endpoint());
        assertEquals(ALICE, first.openid());
        assertEquals("l-1", first.billNo());
        assertEquals(5, first.amount());
        assertEquals(clock.instant(), first.time());
        LedgerEntry refund = ledger.get(2);
        assertEquals(ApiVersion.PAY_V2, refund.version());
        assertEquals(Environment.SANDBOX, refund.environment());
        assertEquals("cancelpay", refund.endpoint());
        assertEquals("l-4", refund.billNo());
        assertEquals(Optional.of("l-3"), refund.refundedBillNo());
        assertEquals(2, refund.amount());
        assertEquals(995, refund.balanceAfter());
    }
}
