package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.midas.v1.MidasV1Format;
import dev.midasbridge.payv2.PayV2Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bridge verify names what is wrong with a captured request, with the stand-in server's diagnosis. */
class VerifyCommandTest {
    private static final Map<String, String> ENV = Map.of(
            "MIDAS_V1_APP_KEY",
            "v1-prod",
            "MIDAS_V1_SANDBOX_APP_KEY",
            "v1-sandbox",
            "PAY_V2_APP_KEY",
            "v2-prod",
            "PAY_V2_SANDBOX_APP_KEY",
            "v2-sandbox",
            "MIDAS_BRIDGE_SESSION_KEY",
            "session-key");

    @TempDir
    Path dir;

    private Path body(String text) throws IOException {
        Path p = dir.resolve("body.json");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String v2Url(String path, String signedBody) {
        byte[] b = signedBody.getBytes(StandardCharsets.UTF_8);
        return "https://api.weixin.qq.com" + path + "?access_token=T&signature="
                + PayV2Format.signature(b, Secret.of("session-key")) + "&sig_method=hmac_sha256&pay_sig="
                + PayV2Format.paySig(path, b, Secret.of("v2-prod"));
    }

    @Test
    void aCorrectlySignedPayV2RequestPasses() throws IOException {
        String text = "{\"offer_id\":\"1\",\"openid\":\"o1\",\"ts\":1,\"zone_id\":\"1\",\"env\":0,\"bill_no\":\"b1\","
                + "\"amount\":5}";
        Cli r = Cli.run(
                ENV,
                "verify",
                "--url",
                v2Url("/wxa/game/pay", text),
                "--body-file",
                body(text).toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("pay_sig    ok\nsignature  ok\n", r.out());
    }

    @Test
    void aBodyReserializedAfterSigningIsNamed() throws IOException {
        String signed = "{\"offer_id\": \"1\", \"openid\": \"o1\", \"ts\": 1, \"zone_id\": \"1\", \"env\": 0}";
        String sent = "{\"offer_id\":\"1\",\"openid\":\"o1\",\"ts\":1,\"zone_id\":\"1\",\"env\":0}";
        Cli r = Cli.run(
                ENV,
                "verify",
                "--url",
                v2Url("/wxa/game/getbalance", signed),
                "--body-file",
                body(sent).toString(),
                "--json");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("re-serialized"), r.out());
        for (String secret : ENV.values()) {
            assertFalse(r.out().contains(secret), r.out());
        }
    }

    @Test
    void aSandboxCallSignedWithTheProductionKeyIsNamed() throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("appid", "wx1");
        params.put("offer_id", "1");
        params.put("openid", "o1");
        params.put("pf", "android");
        params.put("ts", 1L);
        params.put("zone_id", "1");
        String path = "/cgi-bin/midas/sandbox/getbalance";
        String sig = MidasV1Format.sig(path, params, Secret.of("v1-prod"));
        String mpSig = MidasV1Format.mpSig(path, params, sig, Secret.of("T"), Secret.of("session-key"));
        String text =
                "{\"appid\":\"wx1\",\"offer_id\":\"1\",\"openid\":\"o1\",\"pf\":\"android\",\"ts\":1,\"zone_id\":\"1\","
                        + "\"sig\":\"" + sig + "\",\"mp_sig\":\"" + mpSig + "\"}";
        Path captured = dir.resolve("captured.json");
        Files.writeString(
                captured,
                "{\"method\":\"POST\",\"url\":\"https://api.weixin.qq.com" + path
                        + "?access_token=T\",\"body\":"
                        + new com.squareup.moshi.Moshi.Builder()
                                .build()
                                .adapter(String.class)
                                .toJson(text) + "}");
        Cli r = Cli.run(ENV, "verify", "--request", captured.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("sig        WRONG: sig used the production key on a sandbox path"), r.out());
        assertTrue(r.out().contains("mp_sig     ok"), r.out());
    }

    @Test
    void aRequestThatIsNotCapturedRightIsBadInput() throws IOException {
        Cli r = Cli.run(
                ENV,
                "verify",
                "--url",
                "https://api.weixin.qq.com/wxa/game/pay?access_token=T",
                "--body-file",
                body("{\"env\":0}").toString());
        assertEquals(2, r.exitCode());
        assertEquals("bridge verify: url: pay_sig is missing from the query (pay_v2 sends it there)\n", r.err());
    }
}
