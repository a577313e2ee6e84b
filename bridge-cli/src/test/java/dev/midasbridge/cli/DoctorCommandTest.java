package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge doctor} against a real stand-in server over loopback: every check passes for a right configuration,
 * and each mistake it is meant to recognise gives its ✗ with what to do, and exit 1.
 */
class DoctorCommandTest {
    private static final Map<String, String> KEYS = Map.of(
            "MIDAS_V1_APP_KEY", "dr-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "dr-v1-sandbox",
            "PAY_V2_APP_KEY", "dr-v2-key",
            "PAY_V2_SANDBOX_APP_KEY", "dr-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "dr-token",
            "MIDAS_BRIDGE_SESSION_KEY", "dr-session-0");

    @TempDir
    Path dir;

    private StandInServer server;

    private void start(Clock clock) {
        SimulatorConfig sim = OnePlayerStandIn.config("dr", 100);
        server = StandInServer.start(sim, StandInServer.Options.defaults().withClock(clock));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String config(String v1Offer, String v2Offer) throws IOException {
        Path file = dir.resolve("bridge.json");
        Files.writeString(file, """
                {
                  "base_url": "%s",
                  "midas_v1": { "appid": "wxdr", "offer_id": "%s" },
                  "pay_v2": { "offer_id": "%s" }
                }
                """.formatted(server.baseUrl(), v1Offer, v2Offer));
        return file.toString();
    }

    private static Cli doctor(Map<String, String> env, String config, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "doctor";
        args[1] = "--config";
        args[2] = config;
        args[3] = "--openid";
        args[4] = "player-0";
        System.arraycopy(more, 0, args, 5, more.length);
        Cli r = Cli.run(env, args);
        for (String secret : env.values()) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "a secret was printed: " + r);
        }
        return r;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new HashMap<>(KEYS);
        env.put(name, value);
        return env;
    }

    private static void assertLine(Cli r, String startsWith, String... contains) {
        String line = r.out()
                .lines()
                .filter(l -> l.startsWith(startsWith))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + startsWith + "' in:\n" + r.out()));
        for (String c : contains) {
            assertTrue(line.contains(c), "expected '" + c + "' in: " + line);
        }
    }

    @Test
    void aRightConfigurationPassesEveryCheck() throws IOException {
        start(Clock.systemUTC());
        Cli r = doctor(KEYS, config("offer-v1", "offer-v2"), "--production");
        assertEquals(0, r.exitCode(), r.toString());
        assertLine(r, "✓ configuration:");
        assertLine(r, "✓ clock:");
        assertLine(r, "✓ access token:");
        assertLine(r, "✓ midas_v1 credentials:");
        assertLine(r, "✓ midas_v1 sandbox AppKey:", "balance 100");
        assertLine(r, "✓ midas_v1 production AppKey:");
        assertLine(r, "✓ pay_v2 credentials:");
        assertLine(r, "✓ pay_v2 sandbox AppKey:");
        assertLine(r, "✓ pay_v2 production AppKey:");
        assertLine(r, "✓ player:");
        assertLine(r, "? zones:", "no API lists the published zones");
        assertTrue(r.out().contains("分区配置"), "says how to check the zones: " + r.out());
        assertFalse(r.out().contains("✗"), r.out());
        assertEquals(0, server.admin().ledger().size(), "doctor changes nothing");
    }

    @Test
    void midasV1CredentialsOnPayV2AreRecognisedAsTheOtherVersions() throws IOException {
        start(Clock.systemUTC());
        Cli r = doctor(with("PAY_V2_SANDBOX_APP_KEY", "dr-v1-sandbox"), config("offer-v1", "offer-v1"));
        assertEquals(1, r.exitCode(), r.toString());
        assertLine(r, "✗ pay_v2 credentials:", "90018", "offer_id", "these look like the other version's credentials");
        assertTrue(r.out().contains("fix: put the 2.0 offer's id in pay_v2.offer_id"), r.out());
        assertLine(r, "✓ midas_v1 credentials:");
    }

    @Test
    void payV2CredentialsOnMidasV1AreRecognisedAsTheOtherVersions() throws IOException {
        start(Clock.systemUTC());
        Cli r = doctor(with("MIDAS_V1_SANDBOX_APP_KEY", "dr-v2-sandbox"), config("offer-v2", "offer-v2"));
        assertEquals(1, r.exitCode(), r.toString());
        assertLine(
                r, "✗ midas_v1 credentials:", "-1", "1021-1021-0", "these look like the other version's credentials");
        assertTrue(r.out().contains("fix: put the 1.0 offer's id in midas_v1.offer_id"), r.out());
    }

    @Test
    void aWrongAppKeyIsNamedWithTheVariableToFix() throws IOException {
        start(Clock.systemUTC());
        Cli r = doctor(with("PAY_V2_SANDBOX_APP_KEY", "not-the-key"), config("offer-v1", "offer-v2"));
        assertEquals(1, r.exitCode(), r.toString());
        assertLine(r, "✗ pay_v2 sandbox AppKey:", "90011");
        assertTrue(r.out().contains("fix: set PAY_V2_SANDBOX_APP_KEY"), r.out());
        assertLine(r, "✓ pay_v2 credentials:");
        assertLine(r, "✓ midas_v1 sandbox AppKey:");
    }

    @Test
    void aClockFarFromTheServersIsAFailure() throws IOException {
        start(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        Cli r = doctor(KEYS, config("offer-v1", "offer-v2"));
        assertEquals(1, r.exitCode(), r.toString());
        assertLine(r, "✗ clock:", "behind the server's");
        assertTrue(r.out().contains("fix: synchronise the clock"), r.out());
    }

    @Test
    void anAccessTokenTheApiRefusesIsAFailure() throws IOException {
        start(Clock.systemUTC());
        Cli r = doctor(with("MIDAS_BRIDGE_ACCESS_TOKEN", "stale-token"), config("offer-v1", "offer-v2"));
        assertEquals(1, r.exitCode(), r.toString());
        assertLine(r, "✗ access token:", "refused");
    }

    @Test
    void aMissingKeyIsAConfigurationFailureAndJsonSaysSo() throws IOException {
        start(Clock.systemUTC());
        Map<String, String> env = new HashMap<>(KEYS);
        env.remove("MIDAS_V1_SANDBOX_APP_KEY");
        Cli r = doctor(env, config("offer-v1", "offer-v2"), "--json");
        assertEquals(1, r.exitCode(), r.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) new Moshi.Builder()
                .build()
                .adapter(Object.class)
                .fromJson(r.out().strip());
        assertEquals(Boolean.FALSE, json.get("ok"), r.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) json.get("checks");
        Map<String, Object> first = checks.get(0);
        assertEquals("configuration", first.get("check"));
        assertEquals("failed", first.get("status"));
        assertTrue(String.valueOf(first.get("detail")).contains("MIDAS_V1_SANDBOX_APP_KEY"), first.toString());
        assertTrue(first.containsKey("fix"), first.toString());
    }

    @Test
    void theChecklistIsUtf8EvenWhenTheLocaleIsNot() throws Exception {
        start(Clock.systemUTC());
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dfile.encoding=US-ASCII",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BridgeCli.class.getName(),
                        "doctor",
                        "--config",
                        config("offer-v1", "offer-v2"),
                        "--openid",
                        "player-0")
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(KEYS);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("✓ pay_v2 credentials") && out.contains("分区配置"), out);
    }

    @Test
    void aRightConfigurationAsJson() throws IOException {
        start(Clock.systemUTC());
        Cli r = doctor(KEYS, config("offer-v1", "offer-v2"), "--json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().startsWith("{\"ok\":true,\"failed\":0,\"checks\":["), r.out());
    }
}
