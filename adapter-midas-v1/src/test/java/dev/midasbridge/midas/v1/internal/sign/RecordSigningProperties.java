package dev.midasbridge.midas.v1.internal.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.internal.wire.CancelPayRequest;
import dev.midasbridge.midas.v1.internal.wire.GetBalanceRequest;
import dev.midasbridge.midas.v1.internal.wire.MidasV1Request;
import dev.midasbridge.midas.v1.internal.wire.PayRequest;
import dev.midasbridge.midas.v1.internal.wire.PresentRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The signer's fast path (both messages written from the wire record, names in a fixed order) equals its general
 * path (the parameter map, sorted) for arbitrary records: any text (CJK, emoji, unpaired surrogates, '&', '='),
 * optional fields present or not, any whole numbers, any path, keys and claimed sig.
 */
class RecordSigningProperties {
    private final MidasV1Signer signer = MidasV1Signer.create();

    @Property(tries = 1000)
    void theRecordPathSignsWhatTheMapPathSigns(
            @ForAll("requests") MidasV1Request request,
            @ForAll("texts") String path,
            @ForAll("secrets") Secret appKey,
            @ForAll("secrets") Secret token,
            @ForAll("secrets") Secret sessionKey) {
        MidasV1Signer.Signatures fast = signer.signBoth(path, request, appKey, token, sessionKey);
        MidasV1Signer.Signatures general = signer.signBoth(path, request.params(), appKey, token, sessionKey);
        assertEquals(general, fast);
        assertEquals(general.sig(), signer.sig(path, request, appKey));
    }

    @Property(tries = 300)
    void mpSigOverAnyClaimedSigIsTheGeneralOne(
            @ForAll("requests") MidasV1Request request,
            @ForAll("texts") String path,
            @ForAll("texts") String sig,
            @ForAll("secrets") Secret token,
            @ForAll("secrets") Secret sessionKey) {
        assertEquals(
                signer.mpSig(path, request.params(), sig, token, sessionKey),
                signer.mpSig(path, request, sig, token, sessionKey));
    }

    @Provide
    Arbitrary<MidasV1Request> requests() {
        Arbitrary<String> t = texts().filter(s -> !s.isEmpty());
        Arbitrary<String> o = t.injectNull(0.4);
        Arbitrary<Long> n = Arbitraries.longs();
        Arbitrary<Common> common = Combinators.combine(t, t, t, n, t, t, o)
                .as((openid, appId, offerId, ts, zone, pf, ip) -> new Common(openid, appId, offerId, ts, zone, pf, ip));
        Arbitrary<MidasV1Request> pay = Combinators.combine(common, n, t, o, o)
                .as((c, amt, bill, item, remark) -> new PayRequest(
                        c.openid, c.appId, c.offerId, c.ts, c.zone, c.pf, c.ip, amt, bill, item, remark, null, null));
        Arbitrary<MidasV1Request> balance = common.map(
                c -> new GetBalanceRequest(c.openid, c.appId, c.offerId, c.ts, c.zone, c.pf, c.ip, null, null));
        Arbitrary<MidasV1Request> cancel = Combinators.combine(common, t, o)
                .as((c, bill, item) -> new CancelPayRequest(
                        c.openid, c.appId, c.offerId, c.ts, c.zone, c.pf, c.ip, bill, item, null, null));
        Arbitrary<MidasV1Request> present = Combinators.combine(common, t, n)
                .as((c, bill, counts) -> new PresentRequest(
                        c.openid, c.appId, c.offerId, c.ts, c.zone, c.pf, c.ip, bill, counts, null, null));
        return Arbitraries.oneOf(pay, balance, cancel, present);
    }

    private record Common(String openid, String appId, String offerId, Long ts, String zone, String pf, String ip) {}

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(40);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<String> cjk =
                Arbitraries.of("钻石", "测试", "a&b=c", "😀x", "\ud800", "x\udc00y", "é", "/cgi-bin/midas/pay");
        Arbitrary<String> mixed = Combinators.combine(ascii, cjk, any).as((a, b, c) -> a + b + c);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, ascii), net.jqwik.api.Tuple.of(3, mixed), net.jqwik.api.Tuple.of(2, any));
    }

    @Provide
    Arbitrary<Secret> secrets() {
        return texts().filter(s -> !s.isEmpty()).map(Secret::of);
    }
}
