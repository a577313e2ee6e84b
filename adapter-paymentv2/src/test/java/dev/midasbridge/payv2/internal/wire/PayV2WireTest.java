package dev.midasbridge.payv2.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.crypto.HmacSha256;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.CoinType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.OrderInfo;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PayV2WireTest {
    private static final PayV2Wire WIRE = PayV2Wire.forOffer("12345678");
    private static final Player PLAYER = Player.of("oUrsfxxxxxxxxxx");
    private static final long TS = 1668512428L;

    private static <O extends dev.midasbridge.core.operation.Operation> Envelope<O> prod(O op) {
        return new Envelope<>(op, Environment.PRODUCTION, TS);
    }

    @Test
    void deductionSerializesToTheSeedBodyByteForByteAndSignsAsTheVector() {
        Deduction pay = Deduction.of(PLAYER, 1, OrderNo.forVersion("test_pay_1668512428", ApiVersion.PAY_V2))
                .withItem("钻石")
                .withRemark("测试");
        byte[] body = PayV2Wire.serialize(WIRE.toRequestFields(prod(pay)));
        String expected =
                "{\"offer_id\":\"12345678\",\"openid\":\"oUrsfxxxxxxxxxx\",\"ts\":1668512428,\"zone_id\":\"1\","
                        + "\"env\":0,\"bill_no\":\"test_pay_1668512428\",\"amount\":1,\"payitem\":\"钻石\",\"remark\":\"测试\"}";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), body);
        // public vector v2-pay-utf8-body
        byte[] signed = ("/wxa/game/pay&" + expected).getBytes(StandardCharsets.UTF_8);
        assertEquals(
                "281df216258e624227340051c936e3994b9668c5204b81c6ae56e3131ebb41bf",
                HmacSha256.hex("12345".getBytes(StandardCharsets.UTF_8), signed));
        assertEquals(
                "224585c45616eb6362c62b3ca817be7965c0244afbeb9e33ba6b35a2beb32164",
                HmacSha256.hex("9hAb/NEYUlkaMBEsmFgzig==".getBytes(StandardCharsets.UTF_8), body));
    }

    @Test
    void fieldsComeInTheDocumentedOrderWithStringAndLongValues() {
        Refund refund = Refund.of(PLAYER, OrderNo.of("paid-1"), OrderNo.of("refund-1"), 7)
                .withUserIp("198.51.100.2");
        Map<String, Object> f = WIRE.toRequestFields(new Envelope<>(refund, Environment.SANDBOX, TS));
        assertTrue(f instanceof LinkedHashMap);
        assertEquals(
                List.of("offer_id", "openid", "ts", "zone_id", "env", "pay_bill_no", "bill_no", "amount", "user_ip"),
                List.copyOf(f.keySet()));
        assertEquals(1L, f.get("env"));
        assertEquals(TS, f.get("ts"));
        assertEquals(7L, f.get("amount"));
        assertEquals("paid-1", f.get("pay_bill_no"));
        assertEquals("refund-1", f.get("bill_no"));
        assertEquals("1", f.get("zone_id"));
    }

    @Test
    void everyOperationMapsToItsOwnFields() {
        assertEquals(
                List.of("offer_id", "openid", "ts", "zone_id", "env"),
                List.copyOf(WIRE.toRequestFields(prod(BalanceQuery.of(PLAYER))).keySet()));
        assertEquals(
                0L,
                WIRE.toRequestFields(prod(BalanceQuery.of(PLAYER).withCoinType(CoinType.GAME_COINS)))
                        .get("coin_type"));
        assertEquals(
                List.of("offer_id", "openid", "ts", "zone_id", "env", "bill_no", "amount"),
                List.copyOf(WIRE.toRequestFields(prod(Grant.of(PLAYER, 10, OrderNo.of("gift-1"))))
                        .keySet()));
        Map<String, Object> q = WIRE.toRequestFields(prod(OrderQuery.of(PLAYER, "T100", BizType.ITEM_PURCHASE)));
        assertEquals(
                List.of("offer_id", "openid", "ts", "zone_id", "env", "out_trade_no", "biz_id"),
                List.copyOf(q.keySet()));
        assertEquals(2L, q.get("biz_id"));
    }

    @Test
    void refundItemIsNotSentInPayV2() {
        Refund refund = Refund.of(PLAYER, OrderNo.of("paid-1"), OrderNo.of("refund-1"), 7)
                .withItem("钻石");
        Map<String, Object> f = WIRE.toRequestFields(prod(refund));
        assertFalse(f.containsKey("payitem"));
        assertFalse(f.containsKey("pay_item"));
        assertFalse(f.containsValue("钻石"));
    }

    @Test
    void leadingUnderscoreOrderNumbersAreRejectedNamingFieldRuleAndVersion() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> WIRE.toRequestFields(prod(Deduction.of(PLAYER, 1, OrderNo.of("_a1")))));
        assertEquals("bill_no \"_a1\" is not valid for pay_v2: it must not begin with '_'", e.getMessage());
        assertEquals(Optional.of("bill_no"), e.field());
        assertEquals(Optional.of(ApiVersion.PAY_V2), e.version());

        InvalidInputException paid = assertThrows(
                InvalidInputException.class,
                () -> WIRE.toRequestFields(prod(Refund.of(PLAYER, OrderNo.of("_paid"), OrderNo.of("r1"), 1))));
        assertTrue(paid.getMessage().startsWith("pay_bill_no \"_paid\""), paid.getMessage());
        assertTrue(paid.getMessage().contains("pay_v2"));
        InvalidInputException grant = assertThrows(
                InvalidInputException.class, () -> WIRE.toRequestFields(prod(Grant.of(PLAYER, 1, OrderNo.of("_g")))));
        assertEquals(Optional.of("bill_no"), grant.field());
    }

    @Test
    void aWholeV1RefundLacksWhatPayV2Needs() {
        InvalidInputException noNo = assertThrows(
                InvalidInputException.class,
                () -> WIRE.toRequestFields(prod(Refund.whole(PLAYER, OrderNo.of("paid-1")))));
        assertEquals(Optional.of("bill_no"), noNo.field());
        assertTrue(noNo.getMessage().contains("pay_v2"), noNo.getMessage());
        Refund noAmount = Refund.whole(PLAYER, OrderNo.of("paid-1")).withRefundOrderNo(OrderNo.of("r-1"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WIRE.toRequestFields(prod(noAmount)));
        assertEquals(Optional.of("amount"), e.field());
        assertTrue(e.getMessage().contains("amount") && e.getMessage().contains("pay_v2"), e.getMessage());
    }

    @Test
    void serializeEscapesOnlyWhatJsonRequires() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("remark", "a\"b\\c/d\n\u0001 é 😀");
        f.put("amount", 5L);
        String json = new String(PayV2Wire.serialize(f), StandardCharsets.UTF_8);
        assertEquals("{\"remark\":\"a\\\"b\\\\c/d\\n\\u0001 é 😀\",\"amount\":5}", json);
    }

    @Test
    void serializeRejectsUnpairedSurrogatesAndNonIntegralValues() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> PayV2Wire.serialize(Map.of("payitem", "x\uD800y")));
        assertEquals(Optional.of("payitem"), e.field());
        assertThrows(IllegalArgumentException.class, () -> PayV2Wire.serialize(Map.of("amount", 1.5d)));
    }

    @Test
    void aBodyReadByMoshiParsesIntoTheDomain() throws Exception {
        byte[] body = ("{\"offer_id\":\"12345678\",\"openid\":\"o1\",\"ts\":1668512428,\"zone_id\":\"2\",\"env\":1,"
                        + "\"pay_bill_no\":\"p-1\",\"bill_no\":\"r-1\",\"amount\":3,\"user_ip\":\"203.0.113.7\"}")
                .getBytes(StandardCharsets.UTF_8);
        Envelope<?> e = PayV2Wire.fromRequestBody("cancelpay", WireJson.readWithMoshi(body));
        assertEquals(
                new Envelope<>(
                        new Refund(
                                Player.of("o1", "2"),
                                OrderNo.of("p-1"),
                                Optional.of(OrderNo.of("r-1")),
                                OptionalLong.of(3),
                                Optional.empty(),
                                Optional.of("203.0.113.7")),
                        Environment.SANDBOX,
                        TS),
                e);
    }

    private static Map<String, Object> payBody() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("offer_id", "12345678");
        b.put("openid", "o1");
        b.put("ts", 1668512428d);
        b.put("zone_id", "1");
        b.put("env", 0d);
        b.put("bill_no", "b-1");
        b.put("amount", 5d);
        return b;
    }

    private static InvalidInputException rejected(Map<String, Object> body) {
        return assertThrows(InvalidInputException.class, () -> PayV2Wire.fromRequestBody("pay", body));
    }

    private static void assertNames(InvalidInputException e, String field, String... words) {
        assertEquals(Optional.of(field), e.field(), e.getMessage());
        assertEquals(Optional.of(ApiVersion.PAY_V2), e.version());
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
        assertTrue(e.getMessage().contains("pay_v2"), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), e.getMessage());
        }
    }

    @Test
    void wrongJsonTypesAreRejectedNamingFieldRuleAndVersion() {
        Map<String, Object> b = payBody();
        b.put("bill_no", 123d);
        assertNames(rejected(b), "bill_no", "expects a JSON string");

        b = payBody();
        b.put("zone_id", 1d);
        assertNames(rejected(b), "zone_id", "expects a JSON string");

        b = payBody();
        b.put("amount", 1.5d);
        assertNames(rejected(b), "amount", "whole number");

        b = payBody();
        b.put("amount", "5");
        assertNames(rejected(b), "amount", "expects a JSON number");

        b = payBody();
        b.remove("bill_no");
        assertNames(rejected(b), "bill_no", "requires");

        b = payBody();
        b.put("env", 2d);
        assertNames(rejected(b), "env", "0 (production) or 1 (sandbox)");

        b = payBody();
        b.put("amount", 0d);
        assertNames(rejected(b), "amount", "greater than 0");

        b = payBody();
        b.put("bill_no", "_a1");
        assertNames(rejected(b), "bill_no", "must not begin with '_'");

        b = payBody();
        b.put("payitem", null);
        assertNames(rejected(b), "payitem", "null");

        b = payBody();
        b.put("sig", "abc");
        assertNames(rejected(b), "sig", "not part of a pay_v2 pay body");

        b = payBody();
        b.put("openid", "");
        assertNames(rejected(b), "openid", "must not be empty");
    }

    @Test
    void codedFieldsAcceptOnlyDocumentedCodes() {
        Map<String, Object> q = new LinkedHashMap<>(payBody());
        q.remove("bill_no");
        q.remove("amount");
        q.put("out_trade_no", "T1");
        q.put("biz_id", 3d);
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> PayV2Wire.fromRequestBody("queryorderinfo", q));
        assertEquals(Optional.of("biz_id"), e.field());
        assertTrue(e.getMessage().contains("pay_v2"));
        q.put("biz_id", 2d);
        assertEquals(
                BizType.ITEM_PURCHASE,
                ((OrderQuery) PayV2Wire.fromRequestBody("queryorderinfo", q).operation()).bizType());
    }

    @Test
    void unknownEndpointIsRejected() {
        assertThrows(InvalidInputException.class, () -> PayV2Wire.path("getbalance2"));
        assertEquals("/wxa/game/queryorderinfo", PayV2Wire.path("queryorderinfo"));
        assertEquals("/wxa/game/cancelpay", PayV2Wire.path("cancelpay"));
    }

    @Test
    void theSeedSuccessAnswerReadsIntoAReceipt() {
        PayResponse r = PayV2Wire.parseResponse(
                PayResponse.class,
                "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"test_pay_1668512428\",\"balance\":10,"
                        + "\"used_present_amount\":1}");
        assertEquals(
                new DeductionReceipt(OrderNo.of("test_pay_1668512428"), 10, 1, ApiVersion.PAY_V2),
                PayV2Wire.toDeductionReceipt(r));
    }

    @Test
    void theSeedErrorAnswerReadsWithItsErrcode() {
        PayResponse r = PayV2Wire.parseResponse(
                PayResponse.class, "{\"errcode\":90018,\"errmsg\":\"[openid] openid is invalid\"}");
        assertEquals(90018, r.errcode());
        assertEquals("[openid] openid is invalid", r.errmsg());
        assertNull(r.billNo());
    }

    @Test
    void balanceFlagIsReadUnderEitherNameAsBooleanOrNumber() {
        String base = "{\"errcode\":0,\"errmsg\":\"\",\"balance\":5,\"present_balance\":1,\"sum_save\":2,"
                + "\"sum_balance\":3,\"sum_cost\":4,\"sum_present\":6,";
        assertTrue(
                PayV2Wire.toBalance(PayV2Wire.parseResponse(BalanceResponse.class, base + "\"first_save_flag\":true}"))
                        .firstSave());
        assertTrue(PayV2Wire.toBalance(PayV2Wire.parseResponse(BalanceResponse.class, base + "\"first_save\":1}"))
                .firstSave());
        Balance b =
                PayV2Wire.toBalance(PayV2Wire.parseResponse(BalanceResponse.class, base + "\"first_save_flag\":0}"));
        assertEquals(new Balance(5, 1, false, 2, 3, 4, 6), b);
    }

    @Test
    void unreadableAnswersAreMalformedResponses() {
        for (String body : List.of(
                "<html>502</html>",
                "",
                "[1,2]",
                "null",
                "{\"errmsg\":\"ok\"}",
                "{\"errcode\":0,\"balance\":1.5}",
                "{\"errcode\":\"zero\"}")) {
            PaymentException e = assertThrows(
                    PaymentException.class, () -> PayV2Wire.parseResponse(PresentResponse.class, body), body);
            assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind(), body);
            assertTrue(e instanceof OutcomeUnknownException);
        }
    }

    @Test
    void successAnswersLackingRequiredFieldsAreMalformed() {
        PaymentException e = assertThrows(
                PaymentException.class,
                () -> PayV2Wire.toGrantReceipt(PayV2Wire.parseResponse(
                        PresentResponse.class, "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"g1\"}")));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("balance"), e.getMessage());
        PaymentException noState = assertThrows(
                PaymentException.class,
                () -> PayV2Wire.toOrderInfo(
                        PayV2Wire.parseResponse(QueryOrderInfoResponse.class, "{\"errcode\":0,\"errmsg\":\"ok\"}")));
        assertTrue(noState.getMessage().contains("pay_state"));
        PaymentException badNo = assertThrows(
                PaymentException.class,
                () -> PayV2Wire.toRefundReceipt(
                        PayV2Wire.parseResponse(CancelPayResponse.class, "{\"errcode\":0,\"bill_no\":\"_x\"}")));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, badNo.kind());
    }

    @Test
    void moshiWritesAndReadsTheRecordsUnderTheirJsonNames() throws Exception {
        QueryOrderInfoResponse r =
                PayV2Wire.fromOrderInfo(new OrderInfo(2, 1, 1668512428, "T1", "M1", "4200001", "item-1"));
        String json = PayV2Wire.moshi().adapter(QueryOrderInfoResponse.class).toJson(r);
        assertTrue(json.contains("\"pay_finish_time\":1668512428"), json);
        assertTrue(json.contains("\"mch_order_no\":\"M1\""), json);
        assertEquals(r, PayV2Wire.parseResponse(QueryOrderInfoResponse.class, json));

        PayRequest req = PayV2Wire.moshi()
                .adapter(PayRequest.class)
                .fromJson("{\"offer_id\":\"1\",\"openid\":\"o\",\"ts\":5,\"zone_id\":\"1\",\"env\":0,\"bill_no\":\"b\","
                        + "\"amount\":2,\"payitem\":\"钻石\"}");
        assertEquals(new PayRequest("1", "o", 5L, "1", 0L, "b", 2L, "钻石", null, null), req);
    }

    @Test
    void forOfferNeedsAnOfferId() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PayV2Wire.forOffer(" "));
        assertEquals(Optional.of("offer_id"), e.field());
        assertEquals("1450000001", PayV2Wire.forOffer("1450000001").offerId());
    }
}
