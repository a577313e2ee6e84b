package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI says around its commands: the full command path in "Try ... --help", an example in
 * {@code journal --help}, and {@code journal list} newest first.
 */
class CliMessagesTest {
    private static final Map<String, String> SECRETS = Map.of(
            "MIDAS_V1_APP_KEY", "cm-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "cm-v1-sandbox",
            "PAY_V2_APP_KEY", "cm-v2-key",
            "PAY_V2_SANDBOX_APP_KEY", "cm-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "cm-token",
            "MIDAS_BRIDGE_SESSION_KEY", "cm-session-0");

    @TempDir
    Path dir;

    @Test
    void aBadOptionOfANestedCommandSuggestsItsFullHelpCommand() {
        Cli r = Cli.run("journal", "reconcile", "--no-such-option");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Try 'bridge journal reconcile --help'."), r.err());
        assertTrue(r.err().startsWith("bridge journal reconcile: "), r.err());

        Cli top = Cli.run("pay", "--no-such-option");
        assertTrue(top.err().contains("Try 'bridge pay --help'."), top.err());
        Cli root = Cli.run("--no-such-option");
        assertTrue(root.err().contains("Try 'bridge --help'."), root.err());
    }

    @Test
    void journalHelpHasAnExample() {
        Cli r = Cli.run("journal", "--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Examples:") && r.out().contains("bridge journal list"), r.out());
    }

    @Test
    void journalListShowsTheNewestOrderFirst() throws IOException {
        SimulatorConfig sim = OnePlayerStandIn.config("cm", 1_000);
        try (StandInServer server = StandInServer.start(sim, StandInServer.Options.defaults())) {
            Path config = dir.resolve("bridge.json");
            Files.writeString(config, """
                    {
                      "base_url": "%s",
                      "midas_v1": { "appid": "wxcm", "offer_id": "offer-v1" },
                      "pay_v2": { "offer_id": "offer-v2" },
                      "retry": { "max_attempts": 1, "initial_backoff_ms": 1, "max_backoff_ms": 1 },
                      "journal": { "embedded": "journal", "create": true }
                    }
                    """.formatted(server.baseUrl()));
            server.admin().addFault(Fault.of(FaultKind.BUSY).forEndpoint("pay").times(Fault.UNLIMITED));
            for (String order : List.of("first-1", "second-2", "third-3")) {
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
                assertEquals(4, pay.exitCode(), pay.toString()); // unknown: stays unresolved in the journal
                sleepPastTheClockTick();
            }
            for (String[] args : List.of(
                    new String[] {"journal", "list", "--config", config.toString()},
                    new String[] {"journal", "list", "--all", "--config", config.toString()},
                    new String[] {"journal", "list", "--all", "--limit", "2", "--config", config.toString()})) {
                Cli list = Cli.run(SECRETS, args);
                assertEquals(0, list.exitCode(), list.toString());
                String out = list.out();
                int third = out.indexOf("third-3");
                int second = out.indexOf("second-2");
                assertTrue(third >= 0 && second > third, "newest first: " + out);
                if (args.length == 7) {
                    assertTrue(!out.contains("first-1"), "--limit keeps the newest: " + out);
                } else {
                    assertTrue(out.indexOf("first-1") > second, "newest first: " + out);
                }
            }
        }
    }

    private static void sleepPastTheClockTick() {
        try {
            Thread.sleep(20); // created_at must differ between the orders (ordering, not timing, is asserted)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
