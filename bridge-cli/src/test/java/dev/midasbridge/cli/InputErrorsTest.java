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

/**
 * Bad input the CLI is given, each refused with one clear line (exit 2): a body {@code sign} would sign although
 * {@code translate} refuses it, JSON with a syntax error (line and column, never a library's hint), and a
 * {@code conformance --signer} that cannot run, dies at once or prints garbage (one error, not one per vector).
 */
class InputErrorsTest {
    private static final Map<String, String> KEYS = Map.of(
            "MIDAS_V1_APP_KEY", "ie-v1-key",
            "PAY_V2_APP_KEY", "ie-v2-key",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "ie-token",
            "MIDAS_BRIDGE_SESSION_KEY", "ie-session");

    private static final String V1_GETBALANCE = "{\"appid\":\"wx1234567\",\"offer_id\":\"12345678\","
            + "\"openid\":\"o1\",\"pf\":\"android\",\"ts\":1507530737,\"zone_id\":\"1\"";
    private static final String V2_PAY = "{\"offer_id\":\"12345678\",\"openid\":\"o1\",\"ts\":1507530737,"
            + "\"zone_id\":\"1\",\"env\":0,\"amount\":10,\"bill_no\":";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static void assertOneLine(Cli r, String... contains) {
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        for (String c : contains) {
            assertTrue(r.err().contains(c), "expected '" + c + "' in: " + r.err());
        }
        assertFalse(r.err().contains("setLenient") || r.err().contains("JsonReader"), r.err());
        assertFalse(r.out().contains("sig:") || r.out().contains("pay_sig:"), "nothing signed: " + r.out());
    }

    // --- sign validates the body as translate does -------------------------------------------------------------

    @Test
    void signV1RefusesAFieldMidasV1DoesNotHave() throws IOException {
        Path body = file("b.json", V1_GETBALANCE + ",\"colour\":\"red\"}");
        assertOneLine(
                Cli.run(KEYS, "sign", "v1", "--endpoint", "getbalance", body.toString()), "bridge sign: ", "colour");
    }

    @Test
    void signV1RefusesABodyMissingARequiredField() throws IOException {
        Path body = file("b.json", V1_GETBALANCE.replace(",\"zone_id\":\"1\"", "") + "}");
        assertOneLine(Cli.run(KEYS, "sign", "v1", "--endpoint", "getbalance", body.toString()), "zone_id");
    }

    @Test
    void signV2RefusesAnOrderNumberPayV2Forbids() throws IOException {
        Path body = file("b.json", V2_PAY + "\"_a1\"}");
        assertOneLine(Cli.run(KEYS, "sign", "v2", "--endpoint", "pay", body.toString()), "_a1", "pay_v2");
    }

    @Test
    void signV2RefusesAFieldPayV2DoesNotHaveAndAMissingOne() throws IOException {
        Path unknown = file("u.json", V2_PAY + "\"b1\",\"pf\":\"android\"}");
        assertOneLine(Cli.run(KEYS, "sign", "v2", "--endpoint", "pay", unknown.toString()), "pf");
        Path missing = file("m.json", V2_PAY.replace("\"amount\":10,", "") + "\"b1\"}");
        assertOneLine(Cli.run(KEYS, "sign", "v2", "--endpoint", "pay", missing.toString()), "amount");
    }

    @Test
    void signStillSignsAValidBody() throws IOException {
        Path body = file("b.json", V2_PAY + "\"b1\"}");
        Cli r = Cli.run(KEYS, "sign", "v2", "--endpoint", "pay", body.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("pay_sig: "), r.out());
    }

    // --- JSON errors name line and column, never a library hint ------------------------------------------------

    @Test
    void aBodyWithASyntaxErrorNamesItsLineAndColumn() throws IOException {
        Path body = file("b.json", "{\"offer_id\": \"1\",\n \"openid\": o1}");
        assertOneLine(
                Cli.run(KEYS, "sign", "v2", "--endpoint", "getbalance", body.toString()),
                "is not valid JSON",
                "line 2, column 12");
    }

    @Test
    void aConfigFileWithASyntaxErrorNamesItsLineAndColumn() throws IOException {
        Path config = file("bridge.json", "{\n  \"midas_v1\": {\"appid\": \"wx\", \"offer_id\": \"1\",}\n}");
        assertOneLine(
                Cli.run(KEYS, "balance", "--openid", "o1", "--config", config.toString()),
                "bridge.json is not valid JSON",
                "line 2, column 47");
    }

    @Test
    void aVectorFileWithASyntaxErrorNamesItsLineAndColumn() throws IOException {
        Path vectors = file("v.json", "{\"format\": \"midas-bridge-vectors/1\",\n  \"vectors\": [1,]}");
        assertOneLine(Cli.run("conformance", "--vectors", vectors.toString()), "line 2, column 17");
    }

    // --- a signer that cannot run, dies at once or prints garbage: one error -----------------------------------

    @Test
    void aSignerThatCannotStartIsOneError() {
        Cli r = Cli.run("conformance", "--signer", "no-such-signer-program-xyz");
        assertOneLine(r, "bridge conformance: ", "exited with status 127", "not found");
        assertFalse(r.out().contains("FAIL"), r.out());
    }

    @Test
    void aSignerThatDiesAtOnceIsOneError() {
        Cli r = Cli.run("conformance", "--signer", "echo broken >&2; exit 3");
        assertOneLine(r, "exited with status 3", "broken");
        assertFalse(r.out().contains("FAIL"), r.out());
    }

    @Test
    void aSignerThatPrintsGarbageIsOneError() {
        Cli r = Cli.run("conformance", "--signer", "while read l; do echo 'garbage {'; done");
        assertOneLine(r, "does not speak the signer protocol", "garbage {");
        assertFalse(r.out().contains("FAIL"), r.out());
    }
}
