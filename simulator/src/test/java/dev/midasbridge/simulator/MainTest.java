package dev.midasbridge.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point, run in-process: arguments, demo configuration, config file, admin flag. */
class MainTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutConfigItRunsTheDemoAndSaysWhereItIsAndWhereItListens() {
        try (StandInServer server = Main.start(new String[] {"--port", "0"}, out)) {
            assertTrue(printed().contains("demo configuration"), printed());
            assertTrue(printed().contains(SimulatorConfig.DEMO_RESOURCE), printed());
            assertTrue(printed().contains("listening on " + server.baseUrl()), printed());
            SimulatorConfig demo = SimulatorConfig.demo();
            String body = "{\"openid\":\"demo-player-1\",\"offer_id\":\""
                    + demo.payV2().offerId() + "\",\"ts\":1,\"zone_id\":\"1\",\"env\":0}";
            okhttp3.HttpUrl url = okhttp3.HttpUrl.get(server.baseUrl() + "/wxa/game/getbalance")
                    .newBuilder()
                    .addQueryParameter("access_token", demo.accessToken().reveal())
                    .addQueryParameter("sig_method", "hmac_sha256")
                    .addQueryParameter(
                            "pay_sig",
                            Wire.paySig(
                                    "/wxa/game/getbalance",
                                    body,
                                    demo.payV2().appKey().reveal()))
                    .addQueryParameter(
                            "signature",
                            Wire.signature(
                                    body, demo.players().get(0).sessionKey().reveal()))
                    .build();
            okhttp3.Request request = new okhttp3.Request.Builder()
                    .url(url)
                    .post(okhttp3.RequestBody.create(body, okhttp3.MediaType.get("application/json")))
                    .build();
            try (okhttp3.Response r =
                    new okhttp3.OkHttpClient().newCall(request).execute()) {
                Map<String, Object> a = Wire.json(r);
                assertEquals(0, Wire.errcode(a));
                assertEquals(demo.players().get(0).balance(), Wire.num(a, "balance"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void withAConfigFileAndAdminItUsesBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sim.json");
        Files.writeString(file, Wire.CONFIG);
        try (StandInServer server =
                Main.start(new String[] {"--config", file.toString(), "--port", "0", "--admin"}, out)) {
            assertTrue(printed().contains("sim.json"), printed());
            assertTrue(printed().contains("/__admin/"), printed());
            assertEquals(
                    1000,
                    server.admin()
                            .balance(Environment.PRODUCTION, Wire.ALICE, "1")
                            .balance());
            try (okhttp3.Response r = new okhttp3.OkHttpClient()
                    .newCall(new okhttp3.Request.Builder()
                            .url(server.baseUrl() + "/__admin/ledger")
                            .build())
                    .execute()) {
                assertEquals(200, r.code());
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.start(new String[] {"--port", "http"}, out))
                .getMessage()
                .contains("--port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.start(new String[] {"--verbose"}, out))
                .getMessage()
                .contains("--verbose"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.start(new String[] {"--config"}, out))
                .getMessage()
                .contains("--config"));
    }

    @Test
    void helpPrintsUsageAndStartsNothing() {
        assertNull(Main.start(new String[] {"--help"}, out));
        assertTrue(printed().contains("--config FILE"), printed());
    }
}
