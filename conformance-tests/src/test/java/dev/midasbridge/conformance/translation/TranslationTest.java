package dev.midasbridge.conformance.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.error.ErrorKind;
import dev.midasbridge.core.error.InvalidInputException;
import dev.midasbridge.core.error.PaymentException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Examples of the v1 -> v2 translation: what each endpoint becomes, what is listed as changed, what is refused. */
class TranslationTest {
    private static final String V2_OFFER = "1450000001";

    @Test
    void aDeductionKeepsWhatItAsksForUnderPayV2Names() {
        Map<String, Object> v1 = common();
        v1.putAll(Map.of("amt", 123L, "bill_no", "BillNo_123"));
        v1.put("pay_item", "钻石");
        v1.put("app_remark", "测试");

        TranslationResult r = Translation.translate(Translation.Request.of("pay", v1, false, V2_OFFER));

        assertEquals(
                List.of("offer_id", "openid", "ts", "zone_id", "env", "bill_no", "amount", "payitem", "remark"),
                List.copyOf(r.v2().keySet()));
        assertEquals(V2_OFFER, r.v2().get("offer_id"));
        assertEquals(123L, r.v2().get("amount"));
        assertEquals(0L, ((Number) r.v2().get("env")).longValue());
        assertEquals(List.of("amt -> amount", "pay_item -> payitem", "app_remark -> remark"), r.renamed());
        assertEquals(List.of("appid", "pf"), r.dropped());
        assertEquals(List.of("env"), r.added());
    }

    @Test
    void aRefundMovesTheDeductionsOrderToPayBillNoAndAddsTheRefundOrderAndAmount() {
        Map<String, Object> v1 = common();
        v1.put("bill_no", "BillNo_123");
        v1.put("pay_item", "钻石");

        TranslationResult r = Translation.translate(
                Translation.Request.of("cancelpay", v1, true, V2_OFFER).withRefund("refund-1", 50));

        assertEquals("BillNo_123", r.v2().get("pay_bill_no"));
        assertEquals("refund-1", r.v2().get("bill_no"));
        assertEquals(50L, ((Number) r.v2().get("amount")).longValue());
        assertEquals(1L, ((Number) r.v2().get("env")).longValue());
        assertEquals(List.of("bill_no -> pay_bill_no"), r.renamed());
        assertEquals(List.of("appid", "pf", "pay_item"), r.dropped());
        assertEquals(List.of("env", "bill_no", "amount"), r.added());
    }

    @Test
    void aGrantCountBecomesAmount() {
        Map<String, Object> v1 = common();
        v1.put("bill_no", "gift-1");
        v1.put("present_counts", 10L);
        v1.put("user_ip", "203.0.113.7");

        TranslationResult r = Translation.translate(Translation.Request.of("present", v1, false, V2_OFFER));

        assertEquals(10L, ((Number) r.v2().get("amount")).longValue());
        assertEquals("203.0.113.7", r.v2().get("user_ip"));
        assertEquals(List.of("present_counts -> amount"), r.renamed());
    }

    @Test
    void aBillNoPayV2ForbidsIsRefusedNamingFieldRuleAndVersion() {
        Map<String, Object> v1 = common();
        v1.put("amt", 5L);
        v1.put("bill_no", "_legacy_42");

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Translation.translate(Translation.Request.of("pay", v1, false, V2_OFFER)));

        assertTrue(
                e.getMessage().contains("bill_no \"_legacy_42\" is not valid for pay_v2: it must not begin with '_'"),
                e.getMessage());
        assertEquals(Optional.of("bill_no"), e.field());
        assertEquals(Optional.of(ApiVersion.PAY_V2), e.version());
    }

    @Test
    void aRefundWithoutRefundOrderNumberAndAmountIsRefused() {
        Map<String, Object> v1 = common();
        v1.put("bill_no", "BillNo_123");

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Translation.translate(Translation.Request.of("cancelpay", v1, false, V2_OFFER)));

        assertTrue(e.getMessage().contains("refund_bill_no and amount: pay_v2 cancelpay needs"), e.getMessage());
    }

    @Test
    void aRefundOrderNumberPayV2ForbidsIsRefused() {
        Map<String, Object> v1 = common();
        v1.put("bill_no", "BillNo_123");

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Translation.translate(
                        Translation.Request.of("cancelpay", v1, false, V2_OFFER).withRefund("_r1", 5)));

        assertTrue(e.getMessage().contains("bill_no \"_r1\" is not valid for pay_v2"), e.getMessage());
    }

    @Test
    void refundFieldsOutsideACancelpayAreRefused() {
        Map<String, Object> v1 = common();

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Translation.translate(Translation.Request.of("getbalance", v1, false, V2_OFFER)
                        .withRefund("r1", 5)));

        assertTrue(e.getMessage().contains("only a cancelpay translation takes them"), e.getMessage());
    }

    @Test
    void whatMidasV1ItselfRejectsIsRefusedNamingMidasV1() {
        Map<String, Object> v1 = common();
        v1.put("amt", "5");
        v1.put("bill_no", "b1");

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Translation.translate(Translation.Request.of("pay", v1, false, V2_OFFER)));
        PaymentException query = assertThrows(
                PaymentException.class,
                () -> Translation.translate(Translation.Request.of("queryorderinfo", common(), false, V2_OFFER)));

        assertEquals(Optional.of(ApiVersion.MIDAS_V1), e.version());
        assertTrue(e.getMessage().contains("amt"), e.getMessage());
        assertEquals(ErrorKind.NOT_SUPPORTED, query.kind());
    }

    private static Map<String, Object> common() {
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("appid", "wx1234567");
        v1.put("offer_id", "12345678");
        v1.put("openid", "odkx20ENSNa2w5y3g_qOkOvBNM1g");
        v1.put("pf", "android");
        v1.put("ts", 1507530737L);
        v1.put("zone_id", "1");
        return v1;
    }
}
