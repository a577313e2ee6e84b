package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's exit-code table, one row at a time, each through the real CLI against a real stand-in server over
 * loopback: the code a command exits with is the code the table gives its situation.
 */
class ExitCodesTest {
    private static final Map<String, String> SECRETS = Map.of(
            "MIDAS_V1_APP_KEY", "ec-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY", "ec-v1-sandbox",
            "PAY_V2_APP_KEY", "ec-v2-key",
            "PAY_V2_SANDBOX_APP_KEY", "ec-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN", "ec-token",
            "MIDAS_BRIDGE_SESSION_KEY", "ec-session-0",
            "MIDAS_BRIDGE_APP_SECRET", "ec-app-secret");

    @TempDir
    Path dir;

    private StandInServer server;

    @BeforeEach
    void start() {
        SimulatorConfig sim = OnePlayerStandIn.config("ec", 100);
        server = StandInServer.start(sim, StandInServer.Options.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String config(String baseUrl, String extra) throws IOException {
        Path file = dir.resolve("bridge.json");
        Files.writeString(file, """
                {
                  "base_url": "%s",
                  %s
                  "midas_v1": { "appid": "wxec", "offer_id": "offer-v1" },
                  "pay_v2": { "offer_id": "offer-v2" },
                  "retry": { "max_attempts": 2, "initial_backoff_ms": 1, "max_backoff_ms": 2, "budget_ms": 2000 },
                  "call_timeout_ms": 2000,
                  "journal": { "embedded": "journal", "create": true }
                }
                """.formatted(baseUrl, extra));
        return file.toString();
    }

    private Cli pay(String config, String order, long amount) {
        return Cli.run(
                SECRETS,
                "pay",
                "--api",
                "v2",
                "--openid",
                "player-0",
                "--amount",
                Long.toString(amount),
                "--order",
                order,
                "--config",
                config);
    }

    /** The table as the README has it: code -> meaning. */
    static Map<Integer, String> readmeTable() throws IOException {
        String readme = Files.readString(ReadmeLinksTest.projectRoot().resolve("README.md"));
        int at = readme.indexOf("**Exit codes:**");
        assertTrue(at >= 0, "the README has an exit-code table");
        Map<Integer, String> rows = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\d) \\| (.+) \\|$").matcher(readme.substring(at));
        while (m.find() && rows.size() < 6) {
            rows.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return rows;
    }

    @Test
    void theReadmeTableHasTheSixCodesTheCodeUses() throws IOException {
        Map<Integer, String> table = readmeTable();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), List.copyOf(table.keySet()), table.toString());
        assertEquals(ExitCodes.OK, 0);
        assertEquals(ExitCodes.CHECK_FAILED, 1);
        assertEquals(ExitCodes.BAD_INPUT, 2);
        assertEquals(ExitCodes.PAYMENT_ERROR, 3);
        assertEquals(ExitCodes.OUTCOME_UNKNOWN, 4);
        assertEquals(ExitCodes.NOT_APPLIED_TRY_LATER, 5);
        assertTrue(table.get(2).contains("before anything was sent"), table.get(2));
        assertTrue(table.get(3).contains("90018"), "a 90018 the server answers is a payment error: " + table.get(3));
    }

    @Test
    void row0_ok() throws IOException {
        Cli r = pay(config(server.baseUrl(), ""), "ok-1", 10);
        assertEquals(0, r.exitCode(), r.toString());
    }

    @Test
    void row1_aCheckFailed() throws IOException {
        Path orders = dir.resolve("orders.txt");
        Files.writeString(orders, "ok-1\n_legacy\n");
        Cli r = Cli.run("audit-orders", orders.toString());
        assertEquals(1, r.exitCode(), r.toString());
    }

    @Test
    void row2_aValueTheVersionForbidsIsRefusedBeforeAnythingIsSent() throws IOException {
        Cli r = pay(config(server.baseUrl(), ""), "_a1", 10);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("pay_v2"), r.err());
        assertEquals(List.of(), server.admin().ledger(), "nothing was sent");
    }

    @Test
    void row3_aParameterTheServerRejects90018IsAPaymentErrorNotBadInput() throws IOException {
        server.admin().addFault(Fault.of(FaultKind.ERRCODE).forEndpoint("pay").errcode(90018));
        Cli r = pay(config(server.baseUrl(), ""), "rejected-1", 10);
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("90018"), r.err());
    }

    @Test
    void row3_balanceTooLowIsAPaymentError() throws IOException {
        Cli r = pay(config(server.baseUrl(), ""), "too-much-1", 100_000);
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("90013"), r.err());
    }

    @Test
    void row4_anOutcomeStillUnknownAfterTheRetries() throws IOException {
        server.admin().addFault(Fault.of(FaultKind.BUSY).forEndpoint("pay").times(Fault.UNLIMITED));
        Cli r = pay(config(server.baseUrl(), ""), "busy-1", 10);
        assertEquals(4, r.exitCode(), r.toString());
    }

    @Test
    void row5_notAppliedNothingSentTryLater() throws IOException {
        String closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        Cli r = pay(config(closed, ""), "later-1", 10);
        assertEquals(5, r.exitCode(), r.toString());
    }
}
