package dev.midasbridge.midas.v1.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.OutcomeUnknownException;
import dev.midasbridge.core.error.PaymentException;
import dev.midasbridge.core.error.RejectedException;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.BalanceQuery;
import dev.midasbridge.core.operation.BizType;
import dev.midasbridge.core.operation.CoinType;
import dev.midasbridge.core.operation.Deduction;
import dev.midasbridge.core.operation.DeductionReceipt;
import dev.midasbridge.core.operation.Envelope;
import dev.midasbridge.core.operation.Grant;
import dev.midasbridge.core.operation.OrderQuery;
import dev.midasbridge.core.operation.Refund;
import dev.midasbridge.core.order.OrderNo;
import dev.midasbridge.core.player.Player;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MidasV1WireTest {
    private static final String OPENID = "odkx20ENSNa2w5y3g_qOkOvBNM1g";
    private static final long TS = 1507530737L;
    private final MidasV1Wire wire = MidasV1Wire.create("wx1234567", "12345678", "android");
    private final Player player = Player.of(OPENID);
    private final Moshi moshi = new Moshi.Builder().build();

    private static Map<String, Object> common() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("openid", OPENID);
        m.put("appid", "wx1234567");
        m.put("offer_id", "12345678");
        m.put("ts", TS);
        m.put("zone_id", "1");
        m.put("pf", "android");
        return m;
    }

    @Test
    void payBodyHasTheDocumentedOrderNamesAndTypes() {
        Deduction d = Deduction.of(player, 123, OrderNo.of("BillNo_123"))
                .withItem("钻石")
                .withRemark("测试")
                .withUserIp("198.51.100.2");
        Map<String, Object> body = wire.toRequestBody(new Envelope<>(d, Environment.PRODUCTION, TS));
        assertEquals(
                List.of(
                        "openid",
                        "appid",
                        "offer_id",
                        "ts",
                        "zone_id",
                        "pf",
                        "user_ip",
                        "amt",
                        "bill_no",
                        "pay_item",
                        "app_remark"),
                List.copyOf(body.keySet()));
        assertEquals(123L, body.get("amt"));
        assertEquals(TS, body.get("ts"));
        assertEquals("BillNo_123", body.get("bill_no"));
        assertEquals("1", body.get("zone_id"));
        assertEquals("钻石", body.get("pay_item"));
    }

    @Test
    void optionalFieldsAreLeftOutWhenAbsent() {
        Map<String, Object> body = wire.toRequestBody(new Envelope<>(BalanceQuery.of(player), Environment.SANDBOX, TS));
        assertEquals(common(), body);
    }

    @Test
    void presentSendsPresentCountsAndCancelpaySendsTheDeductionsBillNo() {
        Map<String, Object> present = wire.toRequestBody(
                new Envelope<>(Grant.of(player, 10, OrderNo.of("gift-0001")), Environment.PRODUCTION, TS));
        assertEquals(10L, present.get("present_counts"));
        assertFalse(present.containsKey("amt"));

        Refund refund =
                Refund.whole(player, OrderNo.of("BillNo_123")).withItem("钻石").withRefundOrderNo(OrderNo.of("refund-1"));
        Map<String, Object> cancel = wire.toRequestBody(new Envelope<>(refund, Environment.PRODUCTION, TS));
        Map<String, Object> expected = common();
        expected.put("bill_no", "BillNo_123");
        expected.put("pay_item", "钻石");
        assertEquals(expected, cancel, "the refund order number is not sent: midas 1.0 has none");
    }

    @Test
    void orderQueryIsNotSupported() {
        Envelope<OrderQuery> e = new Envelope<>(OrderQuery.of(player, "T1", BizType.COINS), Environment.PRODUCTION, TS);
        RejectedException ex = assertThrows(RejectedException.class, () -> wire.toRequestBody(e));
        assertEquals(ErrorKind.NOT_SUPPORTED, ex.kind());
        assertTrue(ex.getMessage().contains("order query is not supported by midas 1.0"), ex.getMessage());
        assertThrows(RejectedException.class, () -> MidasV1Wire.path("queryorderinfo", Environment.PRODUCTION));
    }

    @Test
    void coinTypeIsRejectedNamingFieldAndVersion() {
        BalanceQuery q = BalanceQuery.of(player).withCoinType(CoinType.RECHARGE_CENTRE);
        InvalidInputException ex = assertThrows(
                InvalidInputException.class, () -> wire.toRequestBody(new Envelope<>(q, Environment.PRODUCTION, TS)));
        assertEquals(Optional.of("coin_type"), ex.field());
        assertEquals(Optional.of(ApiVersion.MIDAS_V1), ex.version());
        assertTrue(ex.getMessage().contains("coin_type") && ex.getMessage().contains("midas_v1"), ex.getMessage());
    }

    @Test
    void refundWithAmountIsRejected() {
        Refund r = Refund.whole(player, OrderNo.of("BillNo_123")).withAmount(5);
        InvalidInputException ex = assertThrows(
                InvalidInputException.class, () -> wire.toRequestBody(new Envelope<>(r, Environment.PRODUCTION, TS)));
        assertTrue(
                ex.getMessage().contains("amount 5: midas_v1 refunds the whole deduction and takes no amount"),
                ex.getMessage());
    }

    @Test
    void pathsForBothEnvironments() {
        assertEquals("/cgi-bin/midas/pay", MidasV1Wire.path("pay", Environment.PRODUCTION));
        assertEquals("/cgi-bin/midas/sandbox/pay", MidasV1Wire.path("pay", Environment.SANDBOX));
        assertEquals("/cgi-bin/midas/sandbox/getbalance", MidasV1Wire.path("getbalance", Environment.SANDBOX));
        assertThrows(InvalidInputException.class, () -> MidasV1Wire.path("refund", Environment.PRODUCTION));
    }

    @Test
    void parsesTheOfficialPayExampleWithMoshiDoubles() throws IOException {
        String json = "{\"openid\":\"" + OPENID + "\",\"appid\":\"wx1234567\",\"offer_id\":\"12345678\","
                + "\"ts\":1507530737,\"zone_id\":\"1\",\"pf\":\"android\",\"amt\":123,\"bill_no\":\"BillNo_123\","
                + "\"sig\":\"f705\",\"mp_sig\":\"1687\"}";
        @SuppressWarnings("unchecked")
        Map<String, Object> body = moshi.adapter(Map.class).fromJson(json);
        Envelope<?> e = MidasV1Wire.fromRequestBody("pay", body, false);
        assertEquals(Environment.PRODUCTION, e.environment());
        assertEquals(TS, e.timestamp());
        assertEquals(Deduction.of(player, 123, OrderNo.of("BillNo_123")), e.operation());
    }

    @Test
    void parsesTheTranslatePayVectorBodyWithEveryOptionalField() throws IOException {
        // the v1 body of vector translate-pay in vectors/public.json
        String json = "{\"appid\": \"wx1234567\", \"offer_id\": \"12345678\", \"openid\": \"" + OPENID + "\","
                + " \"pf\": \"android\", \"ts\": 1507530737, \"zone_id\": \"1\", \"amt\": 123,"
                + " \"bill_no\": \"BillNo_123\", \"pay_item\": \"钻石\", \"app_remark\": \"测试\","
                + " \"user_ip\": \"198.51.100.2\"}";
        @SuppressWarnings("unchecked")
        Map<String, Object> body = moshi.adapter(Map.class).fromJson(json);
        Envelope<?> e = MidasV1Wire.fromRequestBody("pay", body, false);
        assertEquals(
                Deduction.of(player, 123, OrderNo.of("BillNo_123"))
                        .withItem("钻石")
                        .withRemark("测试")
                        .withUserIp("198.51.100.2"),
                e.operation());
    }

    @Test
    void cancelpayParsesToAWholeRefundWithItem() {
        Map<String, Object> body = common();
        body.put("bill_no", "BillNo_123");
        body.put("pay_item", "钻石");
        Envelope<?> e = MidasV1Wire.fromRequestBody("cancelpay", body, true);
        assertEquals(Environment.SANDBOX, e.environment());
        Refund r = assertInstanceOf(Refund.class, e.operation());
        assertEquals(Refund.whole(player, OrderNo.of("BillNo_123")).withItem("钻石"), r);
        assertTrue(r.amount().isEmpty() && r.refundOrderNo().isEmpty());
    }

    @Test
    void wrongJsonTypesAreRejectedNamingFieldRuleAndVersion() {
        assertRejected("pay", with(payBody(), "bill_no", 123L), "bill_no", "JSON string");
        assertRejected("pay", with(payBody(), "zone_id", 1.0), "zone_id", "JSON string");
        assertRejected("pay", with(payBody(), "amt", "123"), "amt", "JSON number");
        assertRejected("pay", with(payBody(), "amt", 1.5), "amt", "fraction");
        assertRejected("pay", with(payBody(), "ts", 1.5e9 + 0.25), "ts", "fraction");
        assertRejected("pay", with(payBody(), "amt", 0L), "amt", "> 0");
        assertRejected("pay", with(payBody(), "amt", -3.0), "amt", "> 0");
        assertRejected("pay", with(payBody(), "pay_item", ""), "pay_item", "empty");
        assertRejected("pay", with(payBody(), "bill_no", "a b"), "bill_no", "bill_no");
        assertRejected("pay", with(payBody(), "coin_type", 1.0), "coin_type", "no such field");
        assertRejected("getbalance", with(common(), "access_token", "T"), "access_token", "query");
        assertRejected(
                "present",
                with(with(common(), "bill_no", "g1"), "present_counts", true),
                "present_counts",
                "JSON number");
        Map<String, Object> noAmt = payBody();
        noAmt.remove("amt");
        assertRejected("pay", noAmt, "amt", "missing");
        Map<String, Object> noAppid = payBody();
        noAppid.remove("appid");
        assertRejected("pay", noAppid, "appid", "missing");
    }

    @Test
    void integralDoublesAreAccepted() {
        Envelope<?> e = MidasV1Wire.fromRequestBody(
                "present",
                with(with(with(common(), "ts", 1.507530737E9), "bill_no", "g1"), "present_counts", 10.0),
                false);
        assertEquals(Grant.of(player, 10, OrderNo.of("g1")), e.operation());
        assertEquals(TS, e.timestamp());
    }

    @Test
    void moshiWritesExactNamesAndTypesAndLeavesNullsOut() {
        PayRequest r = (PayRequest)
                wire.toRequest(new Envelope<>(Deduction.of(player, 5, OrderNo.of("B1")), Environment.PRODUCTION, TS))
                        .withSignatures("aa", "bb");
        String json = moshi.adapter(PayRequest.class).toJson(r);
        assertEquals(
                "{\"openid\":\"" + OPENID + "\",\"appid\":\"wx1234567\",\"offer_id\":\"12345678\","
                        + "\"ts\":1507530737,\"zone_id\":\"1\",\"pf\":\"android\",\"amt\":5,\"bill_no\":\"B1\","
                        + "\"sig\":\"aa\",\"mp_sig\":\"bb\"}",
                json);
    }

    @Test
    void moshiReadsResponsesIntoDomainResults() throws IOException {
        GetBalanceResponse b = moshi.adapter(GetBalanceResponse.class)
                .fromJson("{\"errcode\":0,\"errmsg\":\"ok\","
                        + "\"balance\":100,\"gen_balance\":20,\"first_save\":1,\"save_amt\":80,\"save_sum\":90,"
                        + "\"cost_sum\":10,\"present_sum\":25}");
        assertEquals(new Balance(100, 20, true, 80, 90, 10, 25), MidasV1Wire.toBalance(b));
        PayResponse p = moshi.adapter(PayResponse.class)
                .fromJson(
                        "{\"errcode\":0,\"errmsg\":\"ok\",\"bill_no\":\"BillNo_123\",\"balance\":77,\"used_gen_amt\":3}");
        assertEquals(
                new DeductionReceipt(OrderNo.of("BillNo_123"), 77, 3, ApiVersion.MIDAS_V1),
                MidasV1Wire.toDeductionReceipt(p));
    }

    @Test
    void aSuccessLackingAFieldIsAMalformedResponse() {
        PaymentException ex = assertThrows(
                OutcomeUnknownException.class,
                () -> MidasV1Wire.toDeductionReceipt(new PayResponse(0L, "ok", "B1", 5L, null)));
        assertEquals(ErrorKind.MALFORMED_RESPONSE, ex.kind());
        assertTrue(ex.getMessage().contains("used_gen_amt"), ex.getMessage());
        assertEquals(
                ErrorKind.MALFORMED_RESPONSE,
                assertThrows(
                                PaymentException.class,
                                () -> MidasV1Wire.toRefundReceipt(new CancelPayResponse(null, null, "B1")))
                        .kind());
        assertEquals(
                ErrorKind.MALFORMED_RESPONSE,
                assertThrows(
                                PaymentException.class,
                                () -> MidasV1Wire.toBalance(
                                        new GetBalanceResponse(0L, "ok", 1L, 0L, 2L, 0L, 0L, 0L, 0L)))
                        .kind());
        assertThrows(
                IllegalArgumentException.class,
                () -> MidasV1Wire.toGrantReceipt(new PresentResponse(90013L, "low", null, null)));
    }

    @Test
    void refundOrderNoIsNotPartOfTheWireSoTheParsedRefundHasNone() {
        Refund sent = new Refund(
                player,
                OrderNo.of("B1"),
                Optional.of(OrderNo.of("R1")),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty());
        Map<String, Object> body = wire.toRequestBody(new Envelope<>(sent, Environment.PRODUCTION, TS));
        Refund back =
                (Refund) MidasV1Wire.fromRequestBody("cancelpay", body, false).operation();
        assertEquals(Optional.empty(), back.refundOrderNo());
    }

    private static Map<String, Object> payBody() {
        Map<String, Object> m = common();
        m.put("amt", 123L);
        m.put("bill_no", "BillNo_123");
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        m.put(k, v);
        return m;
    }

    private static void assertRejected(String endpoint, Map<String, Object> body, String field, String rule) {
        InvalidInputException ex =
                assertThrows(InvalidInputException.class, () -> MidasV1Wire.fromRequestBody(endpoint, body, false));
        assertEquals(Optional.of(field), ex.field(), ex.getMessage());
        assertEquals(Optional.of(ApiVersion.MIDAS_V1), ex.version(), ex.getMessage());
        assertTrue(
                ex.getMessage().contains(field)
                        && ex.getMessage().contains("midas_v1")
                        && ex.getMessage().contains(rule),
                ex.getMessage());
    }
}
