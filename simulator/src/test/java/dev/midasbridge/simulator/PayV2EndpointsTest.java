package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.BOB;
import static dev.midasbridge.simulator.Wire.errcode;
import static dev.midasbridge.simulator.Wire.errmsg;
import static dev.midasbridge.simulator.Wire.extra;
import static dev.midasbridge.simulator.Wire.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every pay_v2 endpoint and errcode, over raw HTTP, signed in the test. */
class PayV2EndpointsTest {
    private final Wire wire = Wire.start();

    @AfterEach
    void stop() {
        wire.close();
    }

    private Map<String, Object> pay(String openid, long amount, String billNo) {
        return wire.v2("pay", openid, 0, extra("amount", amount, "bill_no", billNo));
    }

    @Test
    void getbalanceReportsTheSeedWithV2FieldNames() {
        Map<String, Object> a = wire.v2("getbalance", ALICE, 0, Map.of());
        assertEquals(0, errcode(a));
        assertEquals(1000, num(a, "balance"));
        assertEquals(100, num(a, "present_balance"));
        assertEquals(Boolean.FALSE, a.get("first_save_flag"));
        assertEquals(900, num(a, "sum_save"));
        assertEquals(1000, num(a, "sum_balance"));
        assertEquals(0, num(a, "sum_cost"));
        assertEquals(100, num(a, "sum_present"));
        Map<String, Object> carol = wire.v2("getbalance", Wire.CAROL, 0, extra("coin_type", 0));
        assertEquals(0, errcode(carol));
    }

    @Test
    void getbalanceWithAnUnknownCoinTypeIs90018() {
        Map<String, Object> a = wire.v2("getbalance", ALICE, 0, extra("coin_type", 7));
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[coin_type]"), errmsg(a));
    }

    @Test
    void paySpendsPresentCoinsFirstAndReportsThem() {
        Map<String, Object> a =
                wire.v2("pay", ALICE, 0, extra("amount", 30, "bill_no", "v2-pay-1", "payitem", "钻石", "remark", "测试"));
        assertEquals(0, errcode(a));
        assertEquals("v2-pay-1", a.get("bill_no"));
        assertEquals(970, num(a, "balance"));
        assertEquals(30, num(a, "used_present_amount"));
    }

    @Test
    void presentGrantsCoins() {
        Map<String, Object> a = wire.v2("present", BOB, 0, extra("bill_no", "gift-v2", "amount", 5));
        assertEquals(0, errcode(a));
        assertEquals(55, num(a, "balance"));
        assertEquals(5, wire.admin().balance(Environment.PRODUCTION, BOB, "1").presentBalance());
    }

    @Test
    void cancelpayRefundsPartsThatAddUpToTheDeductionAndNoMore() {
        assertEquals(0, errcode(pay(BOB, 30, "bob-deduct")));
        Map<String, Object> r1 = wire.v2(
                "cancelpay", BOB, 0, extra("pay_bill_no", "bob-deduct", "bill_no", "bob-refund-1", "amount", 10));
        assertEquals(0, errcode(r1));
        assertEquals("bob-refund-1", r1.get("bill_no"));
        assertEquals(
                0,
                errcode(wire.v2(
                        "cancelpay",
                        BOB,
                        0,
                        extra("pay_bill_no", "bob-deduct", "bill_no", "bob-refund-2", "amount", 20))));
        assertEquals(50, wire.admin().balance(Environment.PRODUCTION, BOB, "1").balance());
        Map<String, Object> over = wire.v2(
                "cancelpay", BOB, 0, extra("pay_bill_no", "bob-deduct", "bill_no", "bob-refund-3", "amount", 1));
        assertEquals(90018, errcode(over));
        assertTrue(errmsg(over).startsWith("[amount]"), errmsg(over));
    }

    @Test
    void aRefundReusingItsBillNoIs90012() {
        assertEquals(0, errcode(pay(BOB, 30, "bob-deduct")));
        assertEquals(
                0,
                errcode(wire.v2(
                        "cancelpay", BOB, 0, extra("pay_bill_no", "bob-deduct", "bill_no", "r-1", "amount", 5))));
        assertEquals(
                90012,
                errcode(wire.v2(
                        "cancelpay", BOB, 0, extra("pay_bill_no", "bob-deduct", "bill_no", "r-1", "amount", 5))));
        assertEquals(25, wire.admin().balance(Environment.PRODUCTION, BOB, "1").balance());
    }

    @Test
    void aRefundNamingTheDeductionsOwnBillNoIs90012() {
        assertEquals(0, errcode(pay(BOB, 30, "self")));
        assertEquals(
                90012,
                errcode(wire.v2("cancelpay", BOB, 0, extra("pay_bill_no", "self", "bill_no", "self", "amount", 5))));
    }

    @Test
    void cancelpayOfAnUnknownOrderIs90000() {
        assertEquals(
                90000,
                errcode(wire.v2("cancelpay", ALICE, 0, extra("pay_bill_no", "nope", "bill_no", "r-x", "amount", 1))));
    }

    @Test
    void aRepeatedBillNoIs90012() {
        assertEquals(0, errcode(pay(ALICE, 1, "same")));
        assertEquals(90012, errcode(pay(ALICE, 1, "same")));
        assertEquals(
                999, wire.admin().balance(Environment.PRODUCTION, ALICE, "1").balance());
    }

    @Test
    void aBalanceTooLowIs90013() {
        assertEquals(90013, errcode(pay(BOB, 51, "too-much")));
    }

    @Test
    void aLeadingUnderscoreIs90018NamingTheFieldAndVersion() {
        Map<String, Object> a = pay(ALICE, 1, "_a1");
        assertEquals(90018, errcode(a));
        assertTrue(
                errmsg(a).startsWith("[bill_no] bill_no is invalid: ")
                        && errmsg(a).contains("pay_v2"),
                errmsg(a));
    }

    @Test
    void aBillNoAsANumberIs90018() {
        Map<String, Object> a = wire.v2("pay", ALICE, 0, extra("amount", 1, "bill_no", 42));
        assertEquals(90018, errcode(a));
        assertEquals("field \"bill_no\" doesn't expect an uint32 value", errmsg(a));
    }

    @Test
    void anAmountAsAStringIs90018() {
        Map<String, Object> a = wire.v2("pay", ALICE, 0, extra("amount", "1", "bill_no", "s-1"));
        assertEquals(90018, errcode(a));
        assertEquals("field \"amount\" doesn't expect a string value", errmsg(a));
    }

    @Test
    void aZeroAmountIs90018() {
        Map<String, Object> a = pay(ALICE, 0, "zero");
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[amount]"), errmsg(a));
    }

    @Test
    void theMidasV1OfferIdIs90018OfferIdInvalid() {
        String body = "{\"openid\":\"o-alice\",\"offer_id\":\"1450000001\",\"ts\":1,\"zone_id\":\"1\",\"env\":0}";
        String path = "/wxa/game/getbalance";
        Map<String, Object> a = wire.postV2(
                path, body, Wire.paySig(path, body, Wire.V2_KEY), Wire.signature(body, Wire.ALICE_KEY), Wire.TOKEN);
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[offer_id] offer_id is invalid"), errmsg(a));
    }

    @Test
    void anUnknownOpenidIs90018OpenidInvalid() {
        Map<String, Object> a = wire.v2("getbalance", "o-stranger", 0, Map.of());
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[openid] openid is invalid"), errmsg(a));
    }

    @Test
    void aWrongPaySigIs90011AndAWrongSignature90010() {
        String body = Wire.v2Body(ALICE, 0, Map.of());
        String path = "/wxa/game/getbalance";
        assertEquals(
                90011,
                errcode(wire.postV2(
                        path,
                        body,
                        Wire.paySig(path, body, "wrong"),
                        Wire.signature(body, Wire.ALICE_KEY),
                        Wire.TOKEN)));
        assertEquals(
                90010,
                errcode(wire.postV2(
                        path, body, Wire.paySig(path, body, Wire.V2_KEY), Wire.signature(body, "wrong"), Wire.TOKEN)));
    }

    @Test
    void aStaleSessionKeyIs90016() {
        wire.admin().rotateSessionKey(ALICE, Secret.of("alice-second-login"));
        Map<String, Object> a = wire.v2("getbalance", ALICE, 0, Map.of());
        assertEquals(90016, errcode(a));
        assertTrue(errmsg(a).contains("stale session_key"), errmsg(a));
    }

    @Test
    void aWrongAccessTokenIs40001() {
        String body = Wire.v2Body(ALICE, 0, Map.of());
        String path = "/wxa/game/getbalance";
        Map<String, Object> a = wire.postV2(
                path, body, Wire.paySig(path, body, Wire.V2_KEY), Wire.signature(body, Wire.ALICE_KEY), "old-token");
        assertEquals(40001, errcode(a));
        wire.admin().setAccessToken(Secret.of("old-token"));
        assertEquals(
                0,
                errcode(wire.postV2(
                        path,
                        body,
                        Wire.paySig(path, body, Wire.V2_KEY),
                        Wire.signature(body, Wire.ALICE_KEY),
                        "old-token")));
    }

    @Test
    void aMissingSigMethodIs90018() {
        String body = Wire.v2Body(ALICE, 0, Map.of());
        Map<String, Object> a = Wire.json(wire.post(
                "/wxa/game/getbalance", Map.of("access_token", Wire.TOKEN, "pay_sig", "x", "signature", "y"), body));
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[sig_method]"), errmsg(a));
    }

    @Test
    void anEnvOtherThanZeroOrOneIs90018() {
        Map<String, Object> a = wire.v2("getbalance", ALICE, 2, Map.of());
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[env]"), errmsg(a));
    }

    @Test
    void queryorderinfoReportsAConfiguredPurchaseOrder() {
        Map<String, Object> a = wire.v2("queryorderinfo", ALICE, 0, extra("out_trade_no", "purchase-1", "biz_id", 1));
        assertEquals(0, errcode(a));
        assertEquals(1, num(a, "pay_state"));
        assertEquals(2, num(a, "deliver_state"));
        assertEquals(1700000000L, num(a, "pay_finish_time"));
        assertEquals("purchase-1", a.get("out_trade_no"));
        assertEquals("mch-1", a.get("mch_order_no"));
        assertEquals("tx-1", a.get("transaction_id"));
        assertEquals("coins_60", a.get("product_id"));
    }

    @Test
    void queryorderinfoOfAnUnknownOrderIs90000AndTheSandboxHasNone() {
        assertEquals(
                90000, errcode(wire.v2("queryorderinfo", ALICE, 0, extra("out_trade_no", "purchase-9", "biz_id", 1))));
        assertEquals(
                90000, errcode(wire.v2("queryorderinfo", ALICE, 1, extra("out_trade_no", "purchase-1", "biz_id", 1))));
    }

    @Test
    void unknownPathsAre404AndGetIsRefused() {
        try (okhttp3.Response r = wire.post("/wxa/game/nothing", Map.of(), "{}")) {
            assertEquals(404, r.code());
        }
        try (okhttp3.Response r = wire.get("/wxa/game/pay")) {
            assertEquals(43002, errcode(Wire.json(r)));
        }
    }
}
