package dev.midasbridge.simulator;

import static dev.midasbridge.simulator.Wire.ALICE;
import static dev.midasbridge.simulator.Wire.ALICE_KEY;
import static dev.midasbridge.simulator.Wire.TOKEN;
import static dev.midasbridge.simulator.Wire.errcode;
import static dev.midasbridge.simulator.Wire.errmsg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per common signing mistake (API.md section 4): the errcode and the errmsg naming the mistake. */
class SignatureDiagnosisTest {
    private final Wire wire = Wire.start();

    @AfterEach
    void stop() {
        wire.close();
    }

    // ------------------------------------------------------------------ midas 1.0 helpers

    private static LinkedHashMap<String, Object> payParams() {
        LinkedHashMap<String, Object> p = Wire.v1Params(ALICE);
        p.put("amt", 3L);
        p.put("bill_no", "diag-1");
        p.put("app_remark", "a b/c");
        return p;
    }

    private static String joined(Map<String, Object> params, boolean encode) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(encode ? URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8) : v));
        return sb.toString();
    }

    private static String sigOver(String joined, String path, String key) {
        return TestHmac.hex(key, joined + "&org_loc=" + path + "&method=POST&secret=" + key);
    }

    /** Posts with the given sig and a correct mp_sig over it. */
    private Map<String, Object> postWithSig(String path, Map<String, Object> params, String sig) {
        return wire.postV1(path, params, sig, Wire.mpSig(path, params, TOKEN, sig, ALICE_KEY), TOKEN);
    }

    private static void assertDiagnosis(Map<String, Object> answer, long errcode, String mistake) {
        assertEquals(errcode, errcode(answer), String.valueOf(answer));
        assertTrue(errmsg(answer).contains(mistake), errmsg(answer));
        for (String secret :
                new String[] {Wire.V1_KEY, Wire.V1_SANDBOX_KEY, Wire.V2_KEY, Wire.V2_SANDBOX_KEY, ALICE_KEY, TOKEN}) {
            assertFalse(errmsg(answer).contains(secret), "a secret leaked into errmsg");
        }
    }

    @Test
    void v1UnsortedParameters() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        assertDiagnosis(
                postWithSig(path, p, sigOver(joined(p, false), path, Wire.V1_KEY)),
                90011,
                "sig parameters were not sorted");
    }

    @Test
    void v1UrlEncodedValues() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        assertDiagnosis(
                postWithSig(path, p, sigOver(joined(new TreeMap<>(p), true), path, Wire.V1_KEY)),
                90011,
                "values were URL-encoded");
    }

    @Test
    void v1AccessTokenSignedInSig() {
        LinkedHashMap<String, Object> p = payParams();
        Map<String, Object> withToken = new TreeMap<>(p);
        withToken.put("access_token", TOKEN);
        String path = "/cgi-bin/midas/pay";
        assertDiagnosis(
                postWithSig(path, p, Wire.sig(path, withToken, Wire.V1_KEY)), 90011, "access_token was signed in sig");
    }

    @Test
    void v1AccessTokenSentInTheBody() {
        LinkedHashMap<String, Object> p = payParams();
        p.put("access_token", TOKEN);
        String path = "/cgi-bin/midas/pay";
        Map<String, Object> a = postWithSig(path, p, Wire.sig(path, p, Wire.V1_KEY));
        assertEquals(90018, errcode(a));
        assertTrue(errmsg(a).startsWith("[access_token]"), errmsg(a));
    }

    @Test
    void v1ProductionKeyOnASandboxPath() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/sandbox/pay";
        assertDiagnosis(
                postWithSig(path, p, Wire.sig(path, p, Wire.V1_KEY)),
                90011,
                "sig used the production key on a sandbox path");
    }

    @Test
    void v1SandboxKeyOnAProductionPath() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        assertDiagnosis(
                postWithSig(path, p, Wire.sig(path, p, Wire.V1_SANDBOX_KEY)),
                90011,
                "sig used the sandbox key on a production path");
    }

    @Test
    void v1ProductionPathSignedForASandboxCall() {
        LinkedHashMap<String, Object> p = payParams();
        assertDiagnosis(
                postWithSig("/cgi-bin/midas/sandbox/pay", p, Wire.sig("/cgi-bin/midas/pay", p, Wire.V1_SANDBOX_KEY)),
                90011,
                "sig signed org_loc=/cgi-bin/midas/pay but the call went to /cgi-bin/midas/sandbox/pay");
    }

    @Test
    void v1UppercaseHex() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        assertDiagnosis(postWithSig(path, p, Wire.sig(path, p, Wire.V1_KEY).toUpperCase()), 90011, "uppercase hex");
    }

    @Test
    void payV2KeyUsedOnMidasV1IsAConfigurationFault() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        Map<String, Object> a = postWithSig(path, p, Wire.sig(path, p, Wire.V2_KEY));
        assertDiagnosis(a, -1, "pay_v2 key used on midas_v1");
        assertTrue(errmsg(a).startsWith("1021-1021-0"), errmsg(a));
    }

    @Test
    void v1MpSigWithABase64DecodedSessionKey() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        String sig = Wire.sig(path, p, Wire.V1_KEY);
        Map<String, Object> all = new TreeMap<>(p);
        all.put("access_token", TOKEN);
        all.put("sig", sig);
        String msg = Wire.v1Canonical(all) + "&org_loc=" + path + "&method=POST&session_key=" + ALICE_KEY;
        String mp = TestHmac.hex(Base64.getDecoder().decode(ALICE_KEY), msg.getBytes(StandardCharsets.UTF_8));
        assertDiagnosis(wire.postV1(path, p, sig, mp, TOKEN), 90009, "session_key was base64-decoded");
    }

    @Test
    void v1MpSigLeavingOutSig() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        String sig = Wire.sig(path, p, Wire.V1_KEY);
        Map<String, Object> all = new TreeMap<>(p);
        all.put("access_token", TOKEN);
        String mp = TestHmac.hex(
                ALICE_KEY, Wire.v1Canonical(all) + "&org_loc=" + path + "&method=POST&session_key=" + ALICE_KEY);
        assertDiagnosis(wire.postV1(path, p, sig, mp, TOKEN), 90009, "mp_sig left out sig");
    }

    @Test
    void v1MpSigInUppercase() {
        LinkedHashMap<String, Object> p = payParams();
        String path = "/cgi-bin/midas/pay";
        String sig = Wire.sig(path, p, Wire.V1_KEY);
        assertDiagnosis(
                wire.postV1(
                        path, p, sig, Wire.mpSig(path, p, TOKEN, sig, ALICE_KEY).toUpperCase(), TOKEN),
                90009,
                "uppercase hex");
    }

    @Test
    void v1StaleSessionKey() {
        wire.admin().rotateSessionKey(ALICE, Secret.of("alice-after-relogin"));
        assertDiagnosis(wire.v1("pay", false, payParams()), 90010, "stale session_key");
    }

    // ------------------------------------------------------------------ pay_v2

    private static final String PATH = "/wxa/game/pay";
    private static final String COMPACT =
            "{\"openid\":\"o-alice\",\"offer_id\":\"1450000002\",\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,\"amount\":2,\"bill_no\":\"v2-diag\",\"payitem\":\"钻石\"}";
    private static final String SPACED =
            "{\"openid\": \"o-alice\", \"offer_id\": \"1450000002\", \"ts\": 1700000000, \"zone_id\": \"1\", \"env\": 0, \"amount\": 2, \"bill_no\": \"v2-diag\", \"payitem\": \"钻石\"}";
    private static final String ESCAPED =
            "{\"openid\":\"o-alice\",\"offer_id\":\"1450000002\",\"ts\":1700000000,\"zone_id\":\"1\",\"env\":0,\"amount\":2,\"bill_no\":\"v2-diag\",\"payitem\":\"\\u94bb\\u77f3\"}";

    private Map<String, Object> v2(String body, String paySig, String signature) {
        return wire.postV2(PATH, body, paySig, signature, TOKEN);
    }

    @Test
    void v2PaySigOverABodyReSerializedWithSpaces() {
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, SPACED, Wire.V2_KEY), Wire.signature(COMPACT, ALICE_KEY)),
                90011,
                "pay_sig was computed over a re-serialized body");
    }

    @Test
    void v2PaySigOverABodyReSerializedWithEscapes() {
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, ESCAPED, Wire.V2_KEY), Wire.signature(COMPACT, ALICE_KEY)),
                90011,
                "non-ASCII escaped as \\uXXXX");
    }

    @Test
    void v2SignatureOverAReSerializedBody() {
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V2_KEY), Wire.signature(SPACED, ALICE_KEY)),
                90010,
                "signature was computed over a re-serialized body");
    }

    @Test
    void v2ProductionKeyWithEnvOne() {
        String body = COMPACT.replace("\"env\":0", "\"env\":1");
        assertDiagnosis(
                v2(body, Wire.paySig(PATH, body, Wire.V2_KEY), Wire.signature(body, ALICE_KEY)),
                90011,
                "pay_sig used the production key with env 1");
    }

    @Test
    void v2MidasV1KeyUsedOnPayV2() {
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V1_KEY), Wire.signature(COMPACT, ALICE_KEY)),
                90011,
                "midas_v1 key used on pay_v2");
    }

    @Test
    void v2PaySigInUppercase() {
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V2_KEY).toUpperCase(), Wire.signature(COMPACT, ALICE_KEY)),
                90011,
                "uppercase hex");
    }

    @Test
    void v2PaySigOverThePathWithItsQueryString() {
        String paySig = TestHmac.hex(Wire.V2_KEY, PATH + "?access_token=" + TOKEN + "&" + COMPACT);
        assertDiagnosis(v2(COMPACT, paySig, Wire.signature(COMPACT, ALICE_KEY)), 90011, "query string");
    }

    @Test
    void v2SignatureWithABase64DecodedSessionKey() {
        String signature =
                TestHmac.hex(Base64.getDecoder().decode(ALICE_KEY), COMPACT.getBytes(StandardCharsets.UTF_8));
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V2_KEY), signature),
                90010,
                "session_key was base64-decoded");
    }

    @Test
    void v2StaleSessionKey() {
        wire.admin().rotateSessionKey(ALICE, Secret.of("alice-after-relogin"));
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V2_KEY), Wire.signature(COMPACT, ALICE_KEY)),
                90016,
                "stale session_key");
    }

    @Test
    void aSignatureNoMistakeExplainsSaysSo() {
        assertDiagnosis(
                v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V2_KEY), Wire.signature(COMPACT, "made-up-key")),
                90010,
                "no common mistake explains it");
    }

    @Test
    void theCorrectlySignedBodyIsAccepted() {
        assertEquals(
                0, errcode(v2(COMPACT, Wire.paySig(PATH, COMPACT, Wire.V2_KEY), Wire.signature(COMPACT, ALICE_KEY))));
    }
}
