package dev.midasbridge.payv2.internal.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random valid pay_v2 values, shared by the wire and adapter properties. */
public final class WireArbitraries {
    private static final String ORDER_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

    private WireArbitraries() {}

    /** One of the five endpoints with a random valid body for it (numbers as Long, in the documented order). */
    public record Body(String endpoint, LinkedHashMap<String, Object> fields) {}

    public static Arbitrary<String> offerIds() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    }

    public static Arbitrary<String> openids() {
        return Arbitraries.strings()
                .withChars(ORDER_CHARS)
                .ofMinLength(1)
                .ofMaxLength(40)
                .filter(s -> !s.isBlank());
    }

    public static Arbitrary<String> zoneIds() {
        return Arbitraries.oneOf(
                Arbitraries.just("1"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3).map(z -> z + "_role7"));
    }

    /** Valid for pay_v2: 1 to 63 of [0-9A-Za-z_-], not beginning with '_'. */
    public static Arbitrary<String> billNos() {
        return Combinators.combine(
                        Arbitraries.strings()
                                .withChars(ORDER_CHARS.replace("_", ""))
                                .ofLength(1),
                        Arbitraries.strings().withChars(ORDER_CHARS).ofMaxLength(62))
                .as(String::concat);
    }

    public static Arbitrary<Long> amounts() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE);
    }

    public static Arbitrary<Long> timestamps() {
        return Arbitraries.longs().between(1, 4_102_444_800L);
    }

    /** Free text with non-ASCII, quotes, backslashes, control characters and supplementary characters. */
    public static Arbitrary<String> texts() {
        Arbitrary<String> bmp = Arbitraries.strings()
                .withCharRange('\u0000', '\uD7FF')
                .withCharRange('\uE000', '\uFFFF')
                .ofMinLength(1)
                .ofMaxLength(24);
        Arbitrary<String> cjk = Arbitraries.strings()
                .withCharRange('\u4E00', '\u9FFF')
                .ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<String> supplementary = Arbitraries.integers()
                .between(0x10000, 0x10FFFF)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(cps -> cps.stream().map(Character::toString).reduce("", String::concat));
        Arbitrary<String> quoted = Arbitraries.of("钻石", "测试 \"x\" \\ /", "é\n\t", "<&>'=");
        return Arbitraries.oneOf(bmp, cjk, supplementary, quoted);
    }

    public static Arbitrary<String> userIps() {
        return Arbitraries.integers()
                .between(0, 255)
                .list()
                .ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    }

    private record Head(String offer, String openid, long ts, String zone, long env, String ip) {
        LinkedHashMap<String, Object> start() {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put("offer_id", offer);
            m.put("openid", openid);
            m.put("ts", ts);
            m.put("zone_id", zone);
            m.put("env", env);
            return m;
        }

        LinkedHashMap<String, Object> end(LinkedHashMap<String, Object> m) {
            if (ip != null) {
                m.put("user_ip", ip);
            }
            return m;
        }
    }

    private static Arbitrary<Head> heads(Arbitrary<String> offers) {
        return Combinators.combine(
                        offers,
                        openids(),
                        timestamps(),
                        zoneIds(),
                        Arbitraries.longs().between(0, 1),
                        userIps().injectNull(0.4))
                .as(Head::new);
    }

    /** Random valid bodies of every endpoint for the given offer ids. */
    public static Arbitrary<Body> bodies(Arbitrary<String> offers) {
        Arbitrary<Head> h = heads(offers);
        Arbitrary<Body> balance = Combinators.combine(
                        h, Arbitraries.longs().between(0, 1).injectNull(0.5))
                .as((head, coin) -> {
                    LinkedHashMap<String, Object> m = head.start();
                    if (coin != null) {
                        m.put("coin_type", coin);
                    }
                    return new Body("getbalance", head.end(m));
                });
        Arbitrary<Body> pay = Combinators.combine(
                        h, billNos(), amounts(), texts().injectNull(0.3), texts().injectNull(0.3))
                .as((head, bill, amount, item, remark) -> {
                    LinkedHashMap<String, Object> m = head.start();
                    m.put("bill_no", bill);
                    m.put("amount", amount);
                    if (item != null) {
                        m.put("payitem", item);
                    }
                    if (remark != null) {
                        m.put("remark", remark);
                    }
                    return new Body("pay", head.end(m));
                });
        Arbitrary<Body> cancel = Combinators.combine(h, billNos(), billNos(), amounts())
                .as((head, paid, bill, amount) -> {
                    LinkedHashMap<String, Object> m = head.start();
                    m.put("pay_bill_no", paid);
                    m.put("bill_no", bill);
                    m.put("amount", amount);
                    return new Body("cancelpay", head.end(m));
                });
        Arbitrary<Body> present = Combinators.combine(h, billNos(), amounts()).as((head, bill, amount) -> {
            LinkedHashMap<String, Object> m = head.start();
            m.put("bill_no", bill);
            m.put("amount", amount);
            return new Body("present", head.end(m));
        });
        Arbitrary<Body> query = Combinators.combine(
                        h, billNos(), Arbitraries.longs().between(1, 2))
                .as((head, trade, biz) -> {
                    LinkedHashMap<String, Object> m = head.start();
                    m.put("out_trade_no", trade);
                    m.put("biz_id", biz);
                    return new Body("queryorderinfo", head.end(m));
                });
        return Arbitraries.oneOf(balance, pay, cancel, present, query);
    }

    /** Random success answers of every endpoint (every field present). */
    public static Arbitrary<PayV2Response> responses() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<PayV2Response> balance = Combinators.combine(n, n, Arbitraries.of(true, false), n, n, n, n)
                .as((b, p, f, s1, s2, s3, s4) -> new BalanceResponse(0, "ok", b, p, f, null, s1, s2, s3, s4));
        Arbitrary<PayV2Response> pay =
                Combinators.combine(billNos(), n, n).as((bill, b, used) -> new PayResponse(0, "ok", bill, b, used));
        Arbitrary<PayV2Response> cancel = billNos().map(bill -> new CancelPayResponse(0, "ok", bill));
        Arbitrary<PayV2Response> present =
                Combinators.combine(billNos(), n).as((bill, b) -> new PresentResponse(0, "ok", bill, b));
        Arbitrary<String> id = Arbitraries.oneOf(billNos(), texts());
        Arbitrary<PayV2Response> query = Combinators.combine(n, n, n, id, id, id, id)
                .as((ps, ds, t, a, b, c, d) -> new QueryOrderInfoResponse(0, "ok", ps, ds, t, a, b, c, d));
        return Arbitraries.oneOf(balance, pay, cancel, present, query);
    }

    static List<String> keys(Map<String, ?> m) {
        return List.copyOf(m.keySet());
    }
}
