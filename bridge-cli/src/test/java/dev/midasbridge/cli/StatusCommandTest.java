package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.payv2.PayV2Format;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge status}: a real {@code bridge gateway --standin} process and its figures over loopback (JSON and
 * text, the same as status.json), the admin token's errors, an unreachable gateway; and a journal's orders per status
 * and version after pays on both versions and one lost answer.
 */
class StatusCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final com.squareup.moshi.JsonAdapter<Object> JSON =
            new Moshi.Builder().build().adapter(Object.class);

    @TempDir
    Path dir;

    @Test
    void aRunningGatewaysFigures() throws Exception {
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BridgeCli.class.getName(),
                "gateway",
                "--standin",
                "--port",
                "0",
                "--pay-v2-percent",
                "50");
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("gateway.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String admin = null;
        Path tokenFile = null;
        String api = null;
        try {
            List<String> lines = new ArrayList<>();
            Pattern adminLine = Pattern.compile("admin API: (\\S+) \\(bearer token in (\\S+),.*");
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                Matcher m = adminLine.matcher(line);
                if (m.matches()) {
                    admin = m.group(1);
                    tokenFile = Path.of(m.group(2));
                }
                if (line.startsWith("gateway listening on ")) {
                    api = line.substring("gateway listening on ".length());
                    break;
                }
            }
            assertTrue(admin != null && api != null, lines.toString());
            assertTrue(lines.contains("status page: " + admin + "/admin/status/ (the admin token is the password)"));
            String token = Files.readString(tokenFile).strip();

            // One payment through the gateway, one refused for want of the player's signature.
            assertEquals(0L, ((Number) v2Pay(api, "demo-player-1", "S-1", true).get("errcode")).longValue());
            assertEquals(
                    90010L, ((Number) v2Pay(api, "demo-player-1", "S-2", false).get("errcode")).longValue());

            // The gateway counts a request just after it has answered it: wait (bounded) for the second one.
            for (int i = 0; i < 100 && requestsCounted(admin, token) < 2; i++) {
                Thread.sleep(100);
            }
            Cli json = Cli.run("status", "--gateway", admin, "--admin-token-file", tokenFile.toString(), "--json");
            assertEquals(0, json.exitCode(), json.err());
            Map<?, ?> shown = (Map<?, ?>) JSON.fromJson(json.out());
            assertEquals("gateway", shown.get("source"));
            Map<?, ?> totals = (Map<?, ?>) shown.get("totals");
            Map<?, ?> requests = (Map<?, ?>) totals.get("requests");
            assertEquals(1.0, requests.get("none"), json.out());
            assertEquals(1.0, (Double) requests.get("midas_v1") + (Double) requests.get("pay_v2"), json.out());
            assertEquals(Map.of("none 90010", 1.0), totals.get("errcodes"));
            assertEquals(
                    Map.of("unknown", 0.0, "stale", 0.0, "missing_signature", 1.0), totals.get("session_key_misses"));
            assertEquals(Map.of("production", 50.0, "sandbox", 50.0), totals.get("routing_pay_v2_percent"));
            assertEquals(
                    Map.of("delivered", 0.0, "duplicate", 0.0, "refused", 0.0, "mock", 0.0, "failed", 0.0),
                    totals.get("push_events"));
            // The same figures as status.json itself.
            HttpResponse<String> raw = HTTP.send(
                    HttpRequest.newBuilder(URI.create(admin + "/admin/status.json"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(totals, ((Map<?, ?>) JSON.fromJson(raw.body())).get("totals"));

            Cli text = Cli.run("status", "--gateway", admin, "--admin-token-file", tokenFile.toString());
            assertEquals(0, text.exitCode(), text.err());
            for (String expected : List.of(
                    "gateway: " + admin + "/",
                    "routing:            pay_v2 50% in production, 50% in the sandbox",
                    "errcodes:           none 90010 1",
                    "orders:             pending 0, unknown 0; answered -1: 0",
                    "session-key misses: unknown 0, stale 0, missing_signature 1",
                    "push events:        delivered 0, duplicate 0, refused 0, mock 0, failed 0",
                    "charts: " + admin + "/admin/status/")) {
                assertTrue(text.out().contains(expected), expected + " in:\n" + text.out());
            }
            assertTrue(text.out().contains("requests:           midas_v1 "), text.out());
            for (Cli r : List.of(json, text)) {
                assertFalse(r.out().contains(token) || r.err().contains(token), "the admin token was printed");
            }

            // A wrong token, a missing file, a file holding more than a token: one line each, exit 2, never echoed.
            Path wrong = dir.resolve("wrong-token");
            Files.writeString(wrong, "not-the-token\n");
            Cli refused = Cli.run("status", "--gateway", admin, "--admin-token-file", wrong.toString());
            assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
            assertTrue(refused.err().contains("refused the admin token in " + wrong), refused.err());
            assertFalse(refused.err().contains("not-the-token"), refused.err());
            Path pasted = dir.resolve("pasted");
            Files.writeString(pasted, "export TOKEN=abc def\n");
            Cli bad = Cli.run("status", "--gateway", admin, "--admin-token-file", pasted.toString());
            assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
            assertFalse(bad.err().contains("abc"), bad.err());
            Cli missing = Cli.run(
                    "status",
                    "--gateway",
                    admin,
                    "--admin-token-file",
                    dir.resolve("nope").toString());
            assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
            assertTrue(missing.err().startsWith("bridge status: --admin-token-file "), missing.err());
            Cli noToken = Cli.run("status", "--gateway", admin);
            assertEquals(ExitCodes.BAD_INPUT, noToken.exitCode());
            // The API listener is not the admin listener.
            Cli notAdmin = Cli.run("status", "--gateway", api, "--admin-token-file", tokenFile.toString());
            assertEquals(ExitCodes.BAD_INPUT, notAdmin.exitCode(), notAdmin.err());
            assertTrue(notAdmin.err().contains("admin listener"), notAdmin.err());
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        Cli gone = Cli.run("status", "--gateway", admin, "--admin-token-file", tokenFile.toString());
        assertEquals(ExitCodes.NOT_APPLIED_TRY_LATER, gone.exitCode(), gone.err());
        assertTrue(gone.err().startsWith("bridge status: cannot reach the gateway at " + admin), gone.err());
        assertEquals(1, gone.err().strip().lines().count(), gone.err());
    }

    private static double requestsCounted(String admin, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(admin + "/admin/status.json"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Map<?, ?> requests =
                (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) JSON.fromJson(r.body())).get("totals")).get("requests");
        return requests.values().stream()
                .mapToDouble(v -> ((Number) v).doubleValue())
                .sum();
    }

    private static Map<?, ?> v2Pay(String api, String openid, String billNo, boolean signed) throws Exception {
        String path = "/wxa/game/pay";
        String body = "{\"offer_id\":\"1450000002\",\"openid\":\"" + openid + "\",\"ts\":"
                + System.currentTimeMillis() / 1000 + ",\"zone_id\":\"1\",\"env\":0,\"amount\":1,\"bill_no\":\""
                + billNo + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature =
                signed ? "&signature=" + PayV2Format.signature(bytes, Secret.of("c2Vzc2lvbi1rZXktMQ==")) : "";
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(api + path + "?access_token=demo-access-token" + signature
                                + "&sig_method=hmac_sha256&pay_sig="
                                + PayV2Format.paySig(path, bytes, Secret.of("demo-pay-v2-production-app-key"))))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return (Map<?, ?>) JSON.fromJson(r.body());
    }

    // ------------------------------------------------------------------------------------------------ journal

    private static final Map<String, String> SECRETS = Map.of(
            "MIDAS_V1_APP_KEY", "st-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "st-v1-sandbox",
            "PAY_V2_APP_KEY", "st-v2-key",
            "PAY_V2_SANDBOX_APP_KEY", "st-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "st-token",
            "MIDAS_BRIDGE_SESSION_KEY", "st-session-0");

    private Path config(String baseUrl, int payV2Percent) throws IOException {
        Path file = dir.resolve("game").resolve("bridge.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {
                  "base_url": "%s",
                  "midas_v1": { "appid": "wxst", "offer_id": "offer-v1" },
                  "pay_v2": { "offer_id": "offer-v2" },
                  "routing": { "pay_v2_percent": %d },
                  "retry": { "max_attempts": 2, "initial_backoff_ms": 1, "max_backoff_ms": 5 },
                  "call_timeout_ms": 2000,
                  "journal": { "embedded": "journal", "create": true }
                }
                """.formatted(baseUrl, payV2Percent));
        return file;
    }

    @Test
    void aJournalsOrdersPerStatusAndVersion() throws Exception {
        SimulatorConfig sim = SimulatorConfig.of(
                dev.midasbridge.simulator.Secret.of("st-token"),
                new SimulatorConfig.MidasV1Keys(
                        "wxst",
                        "offer-v1",
                        dev.midasbridge.simulator.Secret.of("st-v1-key"),
                        dev.midasbridge.simulator.Secret.of("st-v1-sandbox")),
                new SimulatorConfig.PayV2Keys(
                        "offer-v2",
                        dev.midasbridge.simulator.Secret.of("st-v2-key"),
                        dev.midasbridge.simulator.Secret.of("st-v2-sandbox")),
                List.of(new SimulatorConfig.PlayerSeed(
                        "player-0", dev.midasbridge.simulator.Secret.of("st-session-0"), "1", 1_000, 0)),
                List.of(),
                List.of());
        try (StandInServer server = StandInServer.start(
                sim, StandInServer.Options.defaults().withPort(0).withAdmin(true))) {
            Path config = config(server.baseUrl(), 0);
            assertEquals(0, pay(config, "A-1").exitCode());
            assertEquals(0, pay(config, "A-2").exitCode());
            server.admin()
                    .addFault(Fault.of(FaultKind.DROP_AFTER_APPLY)
                            .forOrder("LOST")
                            .times(Fault.UNLIMITED));
            assertEquals(ExitCodes.OUTCOME_UNKNOWN, pay(config, "LOST").exitCode());
            server.admin().clearFaults();
            config(server.baseUrl(), 100);
            assertEquals(0, pay(config, "B-1").exitCode());

            Cli json = Cli.run(SECRETS, "status", "--config", config.toString(), "--json");
            assertEquals(0, json.exitCode(), json.err());
            Map<?, ?> m = (Map<?, ?>) JSON.fromJson(json.out());
            assertEquals("journal", m.get("source"));
            assertEquals(4.0, m.get("orders"));
            assertEquals(Map.of("midas_v1", 3.0, "pay_v2", 1.0), m.get("by_version"));
            Map<?, ?> byStatus = (Map<?, ?>) m.get("by_status");
            assertEquals(Map.of("midas_v1", 2.0, "pay_v2", 1.0), byStatus.get("APPLIED"));
            assertEquals(Map.of("midas_v1", 1.0, "pay_v2", 0.0), byStatus.get("UNKNOWN"));
            assertEquals(Map.of("midas_v1", 0.0, "pay_v2", 0.0), byStatus.get("PENDING"));
            assertEquals(1.0, m.get("unknown"));
            assertEquals(0.0, m.get("pending"));
            assertEquals("LOST", ((Map<?, ?>) m.get("oldest_unresolved")).get("order"));

            // The embedded journal named directly, from another working directory's point of view: same figures.
            Path journal = dir.resolve("game").resolve("journal");
            Cli direct = Cli.run("status", "--journal", journal.toString(), "--json");
            assertEquals(0, direct.exitCode(), direct.err());
            Map<?, ?> d = (Map<?, ?>) JSON.fromJson(direct.out());
            assertEquals(m.get("by_status"), d.get("by_status"));

            Cli text = Cli.run(SECRETS, "status", "--config", config.toString());
            assertEquals(0, text.exitCode(), text.err());
            assertTrue(text.out().contains("orders: 4 (midas_v1 3, pay_v2 1)"), text.out());
            assertTrue(text.out().matches("(?s).*\\nAPPLIED\\s+2\\s+1\\s+3\\n.*"), text.out());
            assertTrue(text.out().matches("(?s).*\\nUNKNOWN\\s+1\\s+0\\s+1\\n.*"), text.out());
            assertTrue(text.out().contains("unresolved: pending 0, unknown 1"), text.out());
            assertTrue(text.out().contains("oldest unresolved: LOST of player-0 (UNKNOWN, midas_v1)"), text.out());
            for (String secret : SECRETS.values()) {
                assertFalse(text.out().contains(secret) || json.out().contains(secret), "a secret was printed");
            }
        }
        // Only one source at a time; a journal that is not there is not created.
        Cli both = Cli.run("status", "--journal", "x", "--gateway", "http://127.0.0.1:1");
        assertEquals(ExitCodes.BAD_INPUT, both.exitCode());
        assertTrue(both.err().contains("give one of --gateway URL, --config FILE or --journal PATH"), both.err());
        Path none = dir.resolve("none").resolve("journal");
        Cli missing = Cli.run("status", "--journal", none.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertFalse(Files.exists(none.resolveSibling("journal.mv.db")), "status never creates a journal");
    }

    private static Cli pay(Path config, String order) {
        return Cli.run(
                SECRETS,
                "pay",
                "--openid",
                "player-0",
                "--amount",
                "1",
                "--order",
                order,
                "--config",
                config.toString());
    }
}
