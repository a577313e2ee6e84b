package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bridge sign, checked against the official examples in the public vectors. */
class SignCommandTest {
    private static final String V1_KEY = "zNLgAGgqsEWJOg1nFVaO5r7fAlIQxr1u";
    private static final String SESSION = "V7Q38/i2KXaqrQyl2Yx9Hg==";

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve("body.json");
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void signsTheOfficialMidasV1ExampleAndExplainsWithSecretsMasked() throws IOException {
        Path body =
                file("{\"appid\":\"wx1234567\",\"offer_id\":\"12345678\",\"openid\":\"odkx20ENSNa2w5y3g_qOkOvBNM1g\","
                        + "\"pf\":\"android\",\"ts\":1507530737,\"zone_id\":\"1\"}");
        Cli r = Cli.run(
                Map.of(
                        "MIDAS_V1_APP_KEY",
                        V1_KEY,
                        "MIDAS_BRIDGE_ACCESS_TOKEN",
                        "ACCESSTOKEN",
                        "MIDAS_BRIDGE_SESSION_KEY",
                        SESSION),
                "sign",
                "v1",
                "--endpoint",
                "getbalance",
                body.toString(),
                "--explain");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("sig: 1ad64e8dcb2ec1dc486b7fdf01f4a15159fc623dc3422470e51cf6870734726b"), r.out());
        assertTrue(
                r.out().contains("mp_sig: ff4c5bb39dea1002a8f03be0438724e1a8bcea5ebce8f221f9b9fea3bcf3bf76"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "sig_signs: appid=wx1234567&offer_id=12345678&openid=odkx20ENSNa2w5y3g_qOkOvBNM1g"
                                        + "&pf=android&ts=1507530737&zone_id=1&org_loc=/cgi-bin/midas/getbalance&method=POST&secret=****"),
                r.out());
        for (String secret : new String[] {V1_KEY, SESSION, "ACCESSTOKEN"}) {
            assertFalse(r.out().contains(secret), r.out());
        }
    }

    @Test
    void signsTheExactPayV2BytesWithoutReserializing() throws IOException {
        Path body = file("{\"offer_id\": \"12345678\", \"openid\": \"oUrsfxxxxxxxxxx\", \"ts\": 1668136271,"
                + " \"zone_id\": \"1\", \"env\": 0}");
        Cli r = Cli.run(
                Map.of("PAY_V2_APP_KEY", "12345", "MIDAS_BRIDGE_SESSION_KEY", "9hAb/NEYUlkaMBEsmFgzig=="),
                "sign",
                "v2",
                "--endpoint",
                "getbalance",
                body.toString(),
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(
                r.out().contains("\"pay_sig\":\"11bac6388871d29c055c7d16fbe42e8d646855b666faf89b15c815218b1b23bd\""),
                r.out());
        assertTrue(
                r.out().contains("\"signature\":\"42fe1d3341fb1c8bd6f5014ba735ab04eacc80a2deb3ab4669eab4700b5b6729\""),
                r.out());
    }

    @Test
    void anAccessTokenInTheV1BodyIsTheKnownMistake() throws IOException {
        Cli r = Cli.run(
                Map.of("MIDAS_V1_APP_KEY", V1_KEY),
                "sign",
                "v1",
                "--endpoint",
                "pay",
                file("{\"openid\":\"o\",\"access_token\":\"x\"}").toString());
        assertEquals(2, r.exitCode());
        assertTrue(
                r.err().startsWith("bridge sign: access_token: midas_v1 sends it in the query, not in the body"),
                r.err());
    }

    @Test
    void aMissingKeyIsNamedNotAsked() throws IOException {
        Cli r = Cli.run(
                Map.of(),
                "sign",
                "v2",
                "--endpoint",
                "pay",
                file("{\"offer_id\":\"1\",\"openid\":\"o\",\"ts\":1,\"zone_id\":\"1\",\"env\":1,\"amount\":1,"
                                + "\"bill_no\":\"b1\"}")
                        .toString());
        assertEquals(2, r.exitCode());
        assertEquals(
                "bridge sign: set the environment variable PAY_V2_SANDBOX_APP_KEY (keys are secrets and never go"
                        + " on the command line)\n",
                r.err());
    }
}
