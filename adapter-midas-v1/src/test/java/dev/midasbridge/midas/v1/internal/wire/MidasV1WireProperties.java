package dev.midasbridge.midas.v1.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.Moshi;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.operation.Balance;
import dev.midasbridge.core.operation.Envelope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MidasV1WireProperties {
    private static final String APPID = "wx1234567";
    private static final String OFFER = "12345678";
    private static final String PF = "android";
    private final MidasV1Wire wire = MidasV1Wire.create(APPID, OFFER, PF);

    /** A valid v1 request: its endpoint, body (String/Long values) and the sandbox flag. */
    record WireRequest(String endpoint, Map<String, Object> body, boolean sandbox) {}

    @Property(tries = 300)
    void requestBodyToDomainAndBackIsTheIdentity(@ForAll("requests") WireRequest request) {
        Envelope<?> envelope = MidasV1Wire.fromRequestBody(request.endpoint(), request.body(), request.sandbox());
        assertEquals(request.sandbox() ? Environment.SANDBOX : Environment.PRODUCTION, envelope.environment());
        assertEquals(request.endpoint(), envelope.operation().endpoint());
        assertEquals(request.body(), wire.toRequestBody(envelope));
    }

    @Property(tries = 200)
    void domainToRequestBodyAndBackIsTheIdentity(@ForAll("requests") WireRequest request) {
        Envelope<?> envelope = MidasV1Wire.fromRequestBody(request.endpoint(), request.body(), request.sandbox());
        MidasV1Request record = wire.toRequest(envelope);
        assertEquals(envelope, MidasV1Wire.fromRequest(record, request.sandbox()));
    }

    @Property(tries = 200)
    void bodiesSurviveMoshiJsonWhereNumbersComeBackAsDoubles(@ForAll("requests") WireRequest request)
            throws IOException {
        Moshi moshi = new Moshi.Builder().build();
        String json = moshi.adapter(Map.class).toJson(request.body());
        @SuppressWarnings("unchecked")
        Map<String, ?> parsed = moshi.adapter(Map.class).fromJson(json);
        assertEquals(
                MidasV1Wire.fromRequestBody(request.endpoint(), request.body(), request.sandbox()),
                MidasV1Wire.fromRequestBody(request.endpoint(), parsed, request.sandbox()));
    }

    @Property(tries = 200)
    void balanceResponseToDomainAndBackIsTheIdentity(@ForAll("balanceResponses") GetBalanceResponse r) {
        Balance b = MidasV1Wire.toBalance(r);
        assertEquals(r, MidasV1Wire.fromBalance(b));
    }

    @Property(tries = 200)
    void payResponseToDomainAndBackIsTheIdentity(@ForAll("payResponses") PayResponse r) {
        assertEquals(r, MidasV1Wire.fromDeductionReceipt(MidasV1Wire.toDeductionReceipt(r)));
    }

    @Property(tries = 200)
    void cancelpayResponseToDomainAndBackIsTheIdentity(@ForAll("cancelpayResponses") CancelPayResponse r) {
        assertEquals(r, MidasV1Wire.fromRefundReceipt(MidasV1Wire.toRefundReceipt(r)));
    }

    @Property(tries = 200)
    void presentResponseToDomainAndBackIsTheIdentity(@ForAll("presentResponses") PresentResponse r) {
        assertEquals(r, MidasV1Wire.fromGrantReceipt(MidasV1Wire.toGrantReceipt(r)));
    }

    // ---- arbitraries ----

    static Arbitrary<String> openids() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(40);
    }

    static Arbitrary<String> zoneIds() {
        return Arbitraries.oneOf(
                Arbitraries.just("1"),
                Combinators.combine(
                                Arbitraries.integers().between(1, 999),
                                Arbitraries.integers().between(1, 99999))
                        .as((z, role) -> z + "_" + role));
    }

    static Arbitrary<String> billNos() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars('_', '-')
                .ofMinLength(1)
                .ofMaxLength(63);
    }

    /** Free texts including CJK, accented letters, emoji and punctuation, never empty. */
    static Arbitrary<String> texts() {
        // Built from whole pieces: an emoji is two chars (a surrogate pair) and must never be split.
        Arbitrary<String> chars = Arbitraries.strings()
                .withCharRange('一', '龥')
                .withCharRange('a', 'z')
                .withChars("éü €&=?/ \"\\")
                .ofLength(1);
        Arbitrary<String> emoji = Arbitraries.of("😀", "🎮");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, chars), net.jqwik.api.Tuple.of(1, emoji))
                .list()
                .ofMinSize(1)
                .ofMaxSize(24)
                .map(pieces -> String.join("", pieces));
    }

    static Arbitrary<String> ips() {
        return Arbitraries.integers()
                .between(0, 255)
                .list()
                .ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    }

    /** Positive amounts up to 2^53, so that a JSON double holds them exactly. */
    static Arbitrary<Long> amounts() {
        return Arbitraries.longs().between(1, 1L << 53);
    }

    static Arbitrary<Long> counters() {
        return Arbitraries.longs().between(0, 1L << 53);
    }

    @Provide
    Arbitrary<WireRequest> requests() {
        Arbitrary<Map<String, Object>> common = Combinators.combine(
                        openids(), zoneIds(), Arbitraries.longs().between(1, 4_102_444_800L), ips().optional())
                .as((openid, zone, ts, ip) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("openid", openid);
                    m.put("appid", APPID);
                    m.put("offer_id", OFFER);
                    m.put("ts", ts);
                    m.put("zone_id", zone);
                    m.put("pf", PF);
                    ip.ifPresent(v -> m.put("user_ip", v));
                    return m;
                });
        Arbitrary<WireRequest> balance = Combinators.combine(common, Arbitraries.of(true, false))
                .as((m, sandbox) -> new WireRequest("getbalance", m, sandbox));
        Arbitrary<WireRequest> pay = Combinators.combine(
                        common,
                        amounts(),
                        billNos(),
                        texts().optional(),
                        texts().optional(),
                        Arbitraries.of(true, false))
                .as((m, amt, bill, item, remark, sandbox) -> {
                    m.put("amt", amt);
                    m.put("bill_no", bill);
                    item.ifPresent(v -> m.put("pay_item", v));
                    remark.ifPresent(v -> m.put("app_remark", v));
                    return new WireRequest("pay", m, sandbox);
                });
        Arbitrary<WireRequest> cancel = Combinators.combine(
                        common, billNos(), texts().optional(), Arbitraries.of(true, false))
                .as((m, bill, item, sandbox) -> {
                    m.put("bill_no", bill);
                    item.ifPresent(v -> m.put("pay_item", v));
                    return new WireRequest("cancelpay", m, sandbox);
                });
        Arbitrary<WireRequest> present = Combinators.combine(common, billNos(), amounts(), Arbitraries.of(true, false))
                .as((m, bill, counts, sandbox) -> {
                    m.put("bill_no", bill);
                    m.put("present_counts", counts);
                    return new WireRequest("present", m, sandbox);
                });
        return Arbitraries.oneOf(balance, pay, cancel, present);
    }

    @Provide
    Arbitrary<GetBalanceResponse> balanceResponses() {
        return Builders.withBuilder(() -> new long[7])
                .use(counters())
                .in((a, v) -> {
                    a[0] = v;
                    return a;
                })
                .use(counters())
                .in((a, v) -> {
                    a[1] = v;
                    return a;
                })
                .use(Arbitraries.longs().between(0, 1))
                .in((a, v) -> {
                    a[2] = v;
                    return a;
                })
                .use(counters())
                .in((a, v) -> {
                    a[3] = v;
                    return a;
                })
                .use(counters())
                .in((a, v) -> {
                    a[4] = v;
                    return a;
                })
                .use(counters())
                .in((a, v) -> {
                    a[5] = v;
                    return a;
                })
                .use(counters())
                .in((a, v) -> {
                    a[6] = v;
                    return a;
                })
                .build(a -> new GetBalanceResponse(0L, MidasV1Wire.OK, a[0], a[1], a[2], a[3], a[4], a[5], a[6]));
    }

    @Provide
    Arbitrary<PayResponse> payResponses() {
        return Combinators.combine(billNos(), counters(), counters())
                .as((bill, balance, used) -> new PayResponse(0L, MidasV1Wire.OK, bill, balance, used));
    }

    @Provide
    Arbitrary<CancelPayResponse> cancelpayResponses() {
        return billNos().map(bill -> new CancelPayResponse(0L, MidasV1Wire.OK, bill));
    }

    @Provide
    Arbitrary<PresentResponse> presentResponses() {
        return Combinators.combine(billNos(), counters())
                .as((bill, balance) -> new PresentResponse(0L, MidasV1Wire.OK, bill, balance));
    }
}
