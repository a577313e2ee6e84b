package dev.midasbridge.conformance.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * For random valid midas 1.0 requests of every endpoint, the translated pay_v2 request asks for the same thing: same
 * amounts, order numbers, item, remark, player, time and environment; and a bill_no pay_v2 forbids is refused.
 */
class TranslationProperties {
    private static final String ORDER_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

    /** A v1 request as a translation gets it: endpoint, body, sandbox path or not, and cancelpay's extra inputs. */
    record V1Call(
            String endpoint,
            Map<String, Object> body,
            boolean sandbox,
            Optional<String> refundBillNo,
            OptionalLong refundAmount) {
        Translation.Request request(String v2OfferId) {
            Translation.Request r = Translation.Request.of(endpoint, body, sandbox, v2OfferId);
            return refundBillNo.isPresent() ? r.withRefund(refundBillNo.get(), refundAmount.getAsLong()) : r;
        }
    }

    @Property(tries = 300)
    void amountsAreKept(@ForAll("v1Calls") V1Call call) {
        Map<String, Object> v2 =
                Translation.translate(call.request("1450000001")).v2();

        switch (call.endpoint()) {
            case "pay" -> assertEquals(call.body().get("amt"), v2.get("amount"));
            case "present" -> assertEquals(call.body().get("present_counts"), v2.get("amount"));
            case "cancelpay" -> assertEquals(call.refundAmount().getAsLong(), v2.get("amount"));
            default -> assertFalse(v2.containsKey("amount"), v2.toString());
        }
    }

    @Property(tries = 300)
    void orderNumbersAreKept(@ForAll("v1Calls") V1Call call) {
        Map<String, Object> v2 =
                Translation.translate(call.request("1450000001")).v2();

        if (call.endpoint().equals("cancelpay")) {
            assertEquals(call.body().get("bill_no"), v2.get("pay_bill_no"));
            assertEquals(call.refundBillNo().get(), v2.get("bill_no"));
        } else {
            assertEquals(call.body().get("bill_no"), v2.get("bill_no"));
        }
    }

    @Property(tries = 300)
    void itemAndRemarkOfADeductionAreKept(@ForAll("v1Calls") V1Call call) {
        Map<String, Object> v2 =
                Translation.translate(call.request("1450000001")).v2();

        if (call.endpoint().equals("pay")) {
            assertEquals(call.body().get("pay_item"), v2.get("payitem"));
            assertEquals(call.body().get("app_remark"), v2.get("remark"));
        } else {
            assertFalse(v2.containsKey("payitem") || v2.containsKey("remark"), v2.toString());
        }
    }

    @Property(tries = 300)
    void playerZoneTimeAndUserIpAreKept(@ForAll("v1Calls") V1Call call) {
        Map<String, Object> v2 =
                Translation.translate(call.request("1450000001")).v2();

        assertEquals(call.body().get("openid"), v2.get("openid"));
        assertEquals(call.body().get("zone_id"), v2.get("zone_id"));
        assertEquals(call.body().get("ts"), v2.get("ts"));
        assertEquals(call.body().get("user_ip"), v2.get("user_ip"));
    }

    @Property(tries = 300)
    void aSandboxPathBecomesEnv1AndAProductionPathEnv0(@ForAll("v1Calls") V1Call call) {
        Map<String, Object> v2 =
                Translation.translate(call.request("1450000001")).v2();

        assertEquals(call.sandbox() ? 1L : 0L, ((Number) v2.get("env")).longValue());
    }

    @Property(tries = 300)
    void theOfferIsThe2Point0OfferAndV1OnlyFieldsAreDropped(
            @ForAll("v1Calls") V1Call call, @ForAll("offerIds") String v2Offer) {
        TranslationResult r = Translation.translate(call.request(v2Offer));

        assertEquals(v2Offer, r.v2().get("offer_id"));
        assertTrue(
                r.dropped().contains("appid") && r.dropped().contains("pf"),
                r.dropped().toString());
        assertFalse(r.v2().containsKey("appid") || r.v2().containsKey("pf"), r.v2().toString());
    }

    @Property(tries = 200)
    void aBillNoPayV2ForbidsIsRefused(@ForAll("v1CallsWithLeadingUnderscore") V1Call call) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Translation.translate(call.request("1450000001")));

        assertTrue(
                e.getMessage().contains("bill_no \"" + call.body().get("bill_no") + "\" is not valid for pay_v2")
                        && e.getMessage().contains("must not begin with '_'"),
                e.getMessage());
    }

    @Provide
    Arbitrary<V1Call> v1Calls() {
        return calls(validForPayV2());
    }

    @Provide
    Arbitrary<V1Call> v1CallsWithLeadingUnderscore() {
        return calls(orderChars().ofMaxLength(62).map(s -> "_" + s))
                .filter(c -> !c.endpoint().equals("getbalance"));
    }

    @Provide
    Arbitrary<String> offerIds() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<V1Call> calls(Arbitrary<String> billNos) {
        return Arbitraries.of("getbalance", "pay", "cancelpay", "present")
                .flatMap(endpoint -> Combinators.combine(
                                common(),
                                Arbitraries.of(true, false),
                                billNos,
                                amounts(),
                                texts().injectNull(0.4),
                                texts().injectNull(0.4),
                                validForPayV2())
                        .as((body, sandbox, billNo, amount, item, remark, refundNo) -> {
                            Map<String, Object> b = new LinkedHashMap<>(body);
                            Optional<String> refund = Optional.empty();
                            OptionalLong refundAmount = OptionalLong.empty();
                            switch (endpoint) {
                                case "pay" -> {
                                    b.put("amt", amount);
                                    b.put("bill_no", billNo);
                                    putIfPresent(b, "pay_item", item);
                                    putIfPresent(b, "app_remark", remark);
                                }
                                case "cancelpay" -> {
                                    b.put("bill_no", billNo);
                                    putIfPresent(b, "pay_item", item);
                                    refund = Optional.of(refundNo);
                                    refundAmount = OptionalLong.of(amount);
                                }
                                case "present" -> {
                                    b.put("bill_no", billNo);
                                    b.put("present_counts", amount);
                                }
                                default -> {}
                            }
                            return new V1Call(endpoint, b, sandbox, refund, refundAmount);
                        }));
    }

    /** openid, appid, offer_id, ts, zone_id, pf and sometimes user_ip, as a v1 body carries them. */
    private static Arbitrary<Map<String, Object>> common() {
        Arbitrary<String> openids = Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(32);
        Arbitrary<String> zones = Arbitraries.oneOf(
                Arbitraries.just("1"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4).map(z -> z + "_role7"));
        Arbitrary<String> ips = Arbitraries.integers()
                .between(0, 255)
                .list()
                .ofSize(4)
                .map(parts ->
                        String.join(".", parts.stream().map(String::valueOf).toList()));
        return Combinators.combine(
                        openids,
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(16),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(10),
                        Arbitraries.longs().between(1, 4_102_444_800L),
                        zones,
                        Arbitraries.of("android", "ios", "windows"),
                        ips.injectNull(0.5))
                .as((openid, app, offer, ts, zone, pf, ip) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("openid", openid);
                    body.put("appid", "wx" + app);
                    body.put("offer_id", offer);
                    body.put("ts", ts);
                    body.put("zone_id", zone);
                    body.put("pf", pf);
                    putIfPresent(body, "user_ip", ip);
                    return body;
                });
    }

    private static Arbitrary<String> validForPayV2() {
        return Combinators.combine(
                        Arbitraries.strings()
                                .withChars(ORDER_CHARS.substring(0, 62) + "-")
                                .ofLength(1),
                        orderChars().ofMaxLength(62))
                .as((first, rest) -> first + rest);
    }

    private static StringArbitrary orderChars() {
        return Arbitraries.strings().withChars(ORDER_CHARS);
    }

    private static Arbitrary<Long> amounts() {
        return Arbitraries.longs().between(1, 1_000_000_000L);
    }

    /** Items and remarks: letters, digits, Chinese, spaces. */
    private static Arbitrary<String> texts() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withCharRange('\u4e00', '\u9fa5')
                .withChars(' ', '-')
                .ofMinLength(1)
                .ofMaxLength(16);
    }

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
