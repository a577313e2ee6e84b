package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateAndConformanceCommandsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void translatesAV1PayIntoTheV2BodyListingTheChanges() throws IOException {
        Path body = file(
                "pay.json",
                "{\"appid\":\"wx1234567\",\"offer_id\":\"12345678\",\"openid\":\"o1\",\"pf\":"
                        + "\"android\",\"ts\":1507530737,\"zone_id\":\"1\",\"amt\":123,\"bill_no\":\"BillNo_123\",\"pay_item\":"
                        + "\"钻石\",\"sig\":\"x\",\"mp_sig\":\"y\"}");
        Cli r = Cli.run("translate", "--endpoint", "pay", "--v2-offer-id", "1450000001", body.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(
                "{\"offer_id\":\"1450000001\",\"openid\":\"o1\",\"ts\":1507530737,\"zone_id\":\"1\",\"env\":0,"
                        + "\"bill_no\":\"BillNo_123\",\"amount\":123,\"payitem\":\"钻石\"}",
                r.out().lines().findFirst().get());
        assertTrue(r.out().contains("renamed: amt -> amount, pay_item -> payitem"), r.out());
        assertTrue(r.out().contains("dropped: appid, pf"), r.out());
        assertTrue(r.out().contains("added:   env"), r.out());
    }

    @Test
    void aRefundNeedsItsNewOrderAndAmount() throws IOException {
        Path body = file(
                "c.json",
                "{\"appid\":\"a\",\"offer_id\":\"o\",\"openid\":\"o1\",\"pf\":\"android\",\"ts\":1,"
                        + "\"zone_id\":\"1\",\"bill_no\":\"B1\"}");
        Cli missing = Cli.run("translate", "--endpoint", "cancelpay", "--v2-offer-id", "2", body.toString());
        assertEquals(2, missing.exitCode());
        Cli ok = Cli.run(
                "translate",
                "--endpoint",
                "cancelpay",
                "--v2-offer-id",
                "2",
                "--refund-order",
                "R1",
                "--amount",
                "5",
                "--json",
                body.toString());
        assertTrue(ok.out().startsWith("{\"v2\":{\"offer_id\":\"2\""), ok.out());
        assertTrue(ok.out().contains("\"pay_bill_no\":\"B1\""), ok.out());
        assertTrue(ok.out().contains("\"bill_no\":\"R1\",\"amount\":5"), ok.out());
    }

    @Test
    void anOrderNumberPayV2ForbidsIsAnError() throws IOException {
        Path body = file(
                "p.json",
                "{\"appid\":\"a\",\"offer_id\":\"o\",\"openid\":\"o1\",\"pf\":\"android\",\"ts\":1,"
                        + "\"zone_id\":\"1\",\"amt\":5,\"bill_no\":\"_legacy_42\"}");
        Cli r = Cli.run("translate", "--endpoint", "pay", "--v2-offer-id", "2", body.toString());
        assertEquals(2, r.exitCode());
        assertEquals(
                "bridge translate: bill_no \"_legacy_42\" is not valid for pay_v2: it must not begin with '_'\n",
                r.err());
    }

    @Test
    void theBuiltInVectorsPass() {
        Cli r = Cli.run("conformance");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().startsWith("conformance: 41 passed, 0 failed (built-in public.json)"), r.out());
        assertTrue(r.out().endsWith("41 passed, 0 failed\n"), r.out());
    }

    @Test
    void aWrongExpectationFailsNamingTheVector() throws IOException {
        Path vectors = file(
                "theirs.json",
                "{\"format\":\"midas-bridge-vectors/1\",\"vectors\":["
                        + "{\"id\":\"right\",\"kind\":\"order_no\",\"value\":\"_a\",\"expect\":{\"midas_v1\":true,\"pay_v2\":false}},"
                        + "{\"id\":\"wrong\",\"kind\":\"order_no\",\"value\":\"_a\",\"expect\":{\"pay_v2\":true}}]}");
        Cli r = Cli.run("conformance", "--vectors", vectors.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("conformance: 1 passed, 1 failed"), r.out());
        assertTrue(r.out().contains("wrong"), r.out());
        assertTrue(r.out().endsWith("1 passed, 1 failed\n"), r.out());
    }

    @Test
    void anotherImplementationIsCheckedThroughTheSignerProtocol() throws IOException {
        Path signer = dir.resolve("signer.py");
        try (InputStream in = getClass().getResourceAsStream("/dev/midasbridge/cli/signer.py")) {
            Files.write(signer, in.readAllBytes());
        }
        Cli good = Cli.run("conformance", "--signer", "python3 " + signer);
        assertEquals(0, good.exitCode(), good.out() + good.err());
        assertTrue(good.out().endsWith("41 passed, 0 failed\n"), good.out());
    }

    @Test
    void aMissingVectorFileIsBadInput() {
        Cli r = Cli.run("conformance", "--vectors", dir.resolve("none.json").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no such vector file"), r.err());
    }
}
