package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge client-payment} as a user runs it; what it prints is handed to the stand-in's client check endpoint,
 * which checks it as the WeChat client would (signData, paySig, signature; the offer of each version).
 */
class ClientPaymentCommandTest {
    private static final Map<String, String> ENV = Map.of(
            "MIDAS_V1_APP_KEY", "demo-midas-v1-production-app-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "demo-midas-v1-sandbox-app-key",
            "PAY_V2_APP_KEY", "demo-pay-v2-production-app-key",
            "PAY_V2_SANDBOX_APP_KEY", "demo-pay-v2-sandbox-app-key",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "demo-access-token");

    @TempDir
    Path dir;

    private StandInServer server;
    private String config;
    private String keyFile;

    @BeforeEach
    void start() throws Exception {
        server = StandInServer.start(
                SimulatorConfig.demo(), StandInServer.Options.defaults().withAdmin(true));
        Path file = dir.resolve("bridge.json");
        Files.writeString(file, """
                {"base_url": "%s",
                 "midas_v1": {"appid": "wx0000000000demo", "offer_id": "1450000001"},
                 "pay_v2": {"offer_id": "1450000002"},
                 "routing": {"pay_v2_percent": 100, "midas_v1_openids": ["demo-player-2"]},
                 "journal": {"embedded": "journal", "create": true}}
                """.formatted(server.baseUrl()));
        config = file.toString();
        Path key = dir.resolve("player1.key");
        Files.writeString(key, "c2Vzc2lvbi1rZXktMQ==\n");
        keyFile = key.toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anItemPurchaseIsSignedForPayV2AndTheClientAcceptsIt() throws Exception {
        Cli r = clientPayment(
                "--openid",
                "demo-player-1",
                "--quantity",
                "2",
                "--item-id",
                "sword",
                "--price",
                "600",
                "--session-key-file",
                keyFile,
                "--json");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> out = json(r.out());
        assertEquals("pay_v2", out.get("version"));
        assertEquals("requestMidasPaymentGameItem", out.get("api"));
        String otn = (String) out.get("out_trade_no");
        assertEquals(32, otn.length());
        assertFalse(otn.startsWith("_"));
        Map<String, Object> check = clientCheck("requestMidasPaymentGameItem", "demo-player-1", out.get("params"));
        assertEquals(0.0, check.get("errCode"), check.toString());
        assertFalse(r.out().contains("c2Vzc2lvbi1rZXktMQ=="), "the session key is never printed");
    }

    @Test
    void aPlayerOnMidasV1GetsThePlainParametersOfThe10Offer() throws Exception {
        Cli r = clientPayment("--openid", "demo-player-2", "--quantity", "60", "--json");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> out = json(r.out());
        assertEquals("midas_v1", out.get("version"));
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) out.get("params");
        assertEquals("1450000001", params.get("offerId"));
        assertEquals("game", params.get("mode"));
        assertFalse(params.containsKey("signData"));
        Map<String, Object> check = clientCheck("requestMidasPayment", "demo-player-2", params);
        assertEquals(0.0, check.get("errCode"), check.toString());
        assertEquals("midas_v1", check.get("version"));
    }

    @Test
    void coinsForAPayV2PlayerNeedTheSessionKey() {
        Cli r = clientPayment("--openid", "demo-player-1", "--quantity", "60");
        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().contains("session_key"), r.err());
        Map<String, String> env = new HashMap<>(ENV);
        env.put("MIDAS_BRIDGE_SESSION_KEY", "c2Vzc2lvbi1rZXktMQ==");
        Cli ok = Cli.run(env, "client-payment", "--config", config, "--openid", "demo-player-1", "--quantity", "60");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("version: pay_v2"), ok.out());
        assertTrue(ok.out().contains("paySig"), ok.out());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Cli underscore = clientPayment("--openid", "demo-player-2", "--quantity", "1", "--out-trade-no", "_a1");
        assertEquals(2, underscore.exitCode(), underscore.out());
        assertTrue(underscore.err().contains("outTradeNo"), underscore.err());
        Cli first = clientPayment("--openid", "demo-player-2", "--quantity", "1", "--out-trade-no", "T-1");
        assertEquals(0, first.exitCode(), first.err());
        Cli again = clientPayment("--openid", "demo-player-2", "--quantity", "1", "--out-trade-no", "T-1");
        assertEquals(0, again.exitCode(), "the same payment again: " + again.err());
        Cli other = clientPayment("--openid", "demo-player-2", "--quantity", "5", "--out-trade-no", "T-1");
        assertEquals(2, other.exitCode(), other.out());
        assertTrue(other.err().contains("already journaled"), other.err());
        Cli half = clientPayment("--openid", "demo-player-1", "--quantity", "1", "--item-id", "sword");
        assertEquals(2, half.exitCode());
        assertTrue(half.err().contains("--price"), half.err());
        Cli zero = clientPayment("--openid", "demo-player-2", "--quantity", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("buyQuantity"), zero.err());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws Exception {
        return (Map<String, Object>)
                new Moshi.Builder().build().adapter(Object.class).fromJson(text.strip());
    }

    /** Moshi reads every number as a double; the client sends whole numbers as integers. */
    private static Object wholeNumbers(Object v) {
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, wholeNumbers(x)));
            return out;
        }
        return v;
    }

    private Map<String, Object> clientCheck(String api, String openid, Object params) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("openid", openid);
        body.put("params", wholeNumbers(params));
        String json = new Moshi.Builder().build().adapter(Object.class).toJson(body);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__client/" + api))
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return json(r.body());
    }

    /** {@code bridge client-payment --config <this test's config> args...} with the test's environment. */
    private Cli clientPayment(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "client-payment";
        all[1] = "--config";
        all[2] = config;
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(ENV, all);
    }
}
