package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.cli.audit.TerminalProgress;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal reconcile} shows a progress bar on a terminal (me.tongfei:progressbar through TerminalProgress),
 * erased before its results; nothing when stderr is not a terminal or with {@code --json}.
 */
class ReconcileProgressTest {
    private static final Map<String, String> SECRETS = Map.of(
            "MIDAS_V1_APP_KEY", "rp-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "rp-v1-sandbox",
            "PAY_V2_APP_KEY", "rp-v2-key",
            "PAY_V2_SANDBOX_APP_KEY", "rp-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "rp-token",
            "MIDAS_BRIDGE_SESSION_KEY", "rp-session-0");

    @TempDir
    Path dir;

    @Test
    void reconcileShowsProgressOnlyOnATerminalAndNeverWithJson() throws IOException {
        SimulatorConfig sim = OnePlayerStandIn.config("rp", 1_000);
        try (StandInServer server = StandInServer.start(sim, StandInServer.Options.defaults())) {
            Path config = dir.resolve("bridge.json");
            Files.writeString(config, """
                    {
                      "base_url": "%s",
                      "midas_v1": { "appid": "wxrp", "offer_id": "offer-v1" },
                      "pay_v2": { "offer_id": "offer-v2" },
                      "retry": { "max_attempts": 1, "initial_backoff_ms": 1, "max_backoff_ms": 1 },
                      "journal": { "embedded": "journal", "create": true }
                    }
                    """.formatted(server.baseUrl()));
            Path sessions = dir.resolve("sessions.json");
            Files.writeString(sessions, "{\"player-0\": \"rp-session-0\"}");
            String[] reconcile = {
                "journal", "reconcile", "--sessions", sessions.toString(), "--config", config.toString()
            };

            unknownOrders(server, config, "a-1", "a-2");
            Cli onTerminal = TerminalProgress.asIfTerminal(true, () -> Cli.run(SECRETS, reconcile));
            assertEquals(0, onTerminal.exitCode(), onTerminal.toString());
            assertTrue(onTerminal.err().startsWith("\rreconciling 2 unresolved order(s)"), onTerminal.err());
            assertTrue(onTerminal.err().endsWith("\r"), "erased before the results: " + onTerminal.err());
            assertTrue(onTerminal.out().contains("reconciled 2: 2 applied"), onTerminal.out());

            unknownOrders(server, config, "b-1");
            Cli piped = TerminalProgress.asIfTerminal(false, () -> Cli.run(SECRETS, reconcile));
            assertEquals(0, piped.exitCode(), piped.toString());
            assertEquals("", piped.err(), "no progress when stderr is not a terminal");

            unknownOrders(server, config, "c-1");
            String[] json = {
                "journal", "reconcile", "--json", "--sessions", sessions.toString(), "--config", config.toString()
            };
            Cli asJson = TerminalProgress.asIfTerminal(true, () -> Cli.run(SECRETS, json));
            assertEquals(0, asJson.exitCode(), asJson.toString());
            assertEquals("", asJson.err(), "no progress with --json");
        }
    }

    /** Pays each order while the stand-in answers -1, so each stays unresolved in the journal. */
    private static void unknownOrders(StandInServer server, Path config, String... orders) {
        server.admin().addFault(Fault.of(FaultKind.BUSY).forEndpoint("pay").times(Fault.UNLIMITED));
        for (String order : orders) {
            Cli pay = Cli.run(
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
            assertEquals(4, pay.exitCode(), pay.toString());
        }
        server.admin().clearFaults();
    }
}
