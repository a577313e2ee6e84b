package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a configuration mistake looks like: the setting's whole path, values as the file wrote them, the file named
 * once; and a call to one environment needs only that environment's AppKeys.
 */
class ConfigErrorsTest {
    private static final Map<String, String> ALL_KEYS = Map.of(
            "MIDAS_V1_APP_KEY", "cf-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "cf-v1-sandbox",
            "PAY_V2_APP_KEY", "cf-v2-key",
            "PAY_V2_SANDBOX_APP_KEY", "cf-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "cf-token",
            "MIDAS_BRIDGE_SESSION_KEY", "cf-session-0");

    /** Production keys only: no sandbox AppKey is set. */
    private static final Map<String, String> PRODUCTION_KEYS = Map.of(
            "MIDAS_V1_APP_KEY", "cf-v1-key",
            "PAY_V2_APP_KEY", "cf-v2-key",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "cf-token",
            "MIDAS_BRIDGE_SESSION_KEY", "cf-session-0");

    @TempDir
    Path dir;

    private Path config(String body) throws IOException {
        Path file = dir.resolve("bridge.json");
        Files.writeString(file, body);
        return file;
    }

    private static void assertConfigError(Cli r, String file, String... contains) {
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        for (String c : contains) {
            assertTrue(r.err().contains(c), "expected '" + c + "' in: " + r.err());
        }
        int first = r.err().indexOf(file);
        assertTrue(first >= 0 && r.err().indexOf(file, first + 1) < 0, "the file named once: " + r.err());
    }

    @Test
    void aNumberWhereTextBelongsNamesTheSettingsPathAndShowsTheNumberAsWritten() throws IOException {
        Path c = config(
                "{\"midas_v1\": {\"appid\": \"wx\", \"offer_id\": 1450000001}, \"pay_v2\": {\"offer_id\": \"2\"}}");
        Cli r = Cli.run(ALL_KEYS, "balance", "--openid", "o1", "--config", c.toString());
        assertConfigError(r, "bridge.json", "midas_v1.offer_id must be a string, not 1450000001");
        assertFalse(r.err().contains("E9") || r.err().contains(".0"), r.err());
    }

    @Test
    void aWrongNumberIsShownAsWritten() throws IOException {
        Path c = config("{\"midas_v1\": {\"appid\": \"wx\", \"offer_id\": \"1\"}, \"pay_v2\": {\"offer_id\": \"2\"},"
                + " \"call_timeout_ms\": 1e9, \"retry\": {\"max_attempts\": 2.5}}");
        Cli r = Cli.run(ALL_KEYS, "balance", "--openid", "o1", "--config", c.toString());
        assertConfigError(r, "bridge.json", "call_timeout_ms", "not 1e9");
    }

    @Test
    void aJournalSettingErrorNamesItsPathAndTheFileOnce() throws IOException {
        Path c = config("{\"midas_v1\": {\"appid\": \"wx\", \"offer_id\": \"1\"}, \"pay_v2\": {\"offer_id\": \"2\"},"
                + " \"journal\": {\"embedded\": 5}}");
        Cli r = Cli.run(ALL_KEYS, "pay", "--openid", "o1", "--amount", "1", "--order", "b1", "--config", c.toString());
        assertConfigError(r, "bridge.json", "journal.embedded must be a string, not 5");
    }

    @Test
    void aProductionCallDoesNotRequireSandboxKeysButASandboxCallDoes() throws IOException {
        SimulatorConfig sim = OnePlayerStandIn.config("cf", 100);
        try (StandInServer server = StandInServer.start(sim, StandInServer.Options.defaults())) {
            Path c = config("""
                    {
                      "base_url": "%s",
                      "midas_v1": { "appid": "wxcf", "offer_id": "offer-v1" },
                      "pay_v2": { "offer_id": "offer-v2" },
                      "routing": { "pay_v2_percent": 100 },
                      "journal": { "embedded": "journal", "create": true }
                    }
                    """.formatted(server.baseUrl()));
            Cli pay = Cli.run(
                    PRODUCTION_KEYS,
                    "pay",
                    "--openid",
                    "player-0",
                    "--amount",
                    "1",
                    "--order",
                    "prod-1",
                    "--config",
                    c.toString());
            assertEquals(0, pay.exitCode(), pay.toString());
            Cli v1 = Cli.run(
                    PRODUCTION_KEYS, "balance", "--api", "v1", "--openid", "player-0", "--config", c.toString());
            assertEquals(0, v1.exitCode(), v1.toString());

            Cli sandbox =
                    Cli.run(PRODUCTION_KEYS, "balance", "--sandbox", "--openid", "player-0", "--config", c.toString());
            assertEquals(2, sandbox.exitCode(), sandbox.toString());
            assertTrue(sandbox.err().contains("MIDAS_V1_SANDBOX_APP_KEY"), sandbox.err());
        }
    }
}
