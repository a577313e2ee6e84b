package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** balance, pay, grant, refund, query-order and journal, as a user runs them, against the stand-in server. */
class PaymentCommandsTest {
    private static final Map<String, String> SECRETS = Map.of(
            "MIDAS_V1_APP_KEY",
            "cli-v1-key",
            "MIDAS_V1_SANDBOX_APP_KEY",
            "cli-v1-sandbox",
            "PAY_V2_APP_KEY",
            "cli-v2-key",
            "PAY_V2_SANDBOX_APP_KEY",
            "cli-v2-sandbox",
            "MIDAS_BRIDGE_ACCESS_TOKEN",
            "cli-token",
            "MIDAS_BRIDGE_SESSION_KEY",
            "cli-session-0");

    @TempDir
    Path dir;

    private StandInServer server;
    private String config;

    @BeforeEach
    void start() throws IOException {
        SimulatorConfig sim = SimulatorConfig.of(
                dev.midasbridge.simulator.Secret.of("cli-token"),
                new SimulatorConfig.MidasV1Keys(
                        "wxcli",
                        "offer-v1",
                        dev.midasbridge.simulator.Secret.of("cli-v1-key"),
                        dev.midasbridge.simulator.Secret.of("cli-v1-sandbox")),
                new SimulatorConfig.PayV2Keys(
                        "offer-v2",
                        dev.midasbridge.simulator.Secret.of("cli-v2-key"),
                        dev.midasbridge.simulator.Secret.of("cli-v2-sandbox")),
                List.of(new SimulatorConfig.PlayerSeed(
                        "player-0", dev.midasbridge.simulator.Secret.of("cli-session-0"), "1", 1_000, 0)),
                List.of(new SimulatorConfig.PurchaseOrder(
                        "player-0",
                        dev.midasbridge.simulator.Environment.PRODUCTION,
                        "T123",
                        1,
                        1,
                        1,
                        1_700_000_000,
                        "mch-1",
                        "tx-1",
                        "coins_60")),
                List.of());
        server = StandInServer.start(
                sim, StandInServer.Options.defaults().withPort(0).withAdmin(true));
        Path file = dir.resolve("bridge.json");
        Files.writeString(file, """
                {
                  "base_url": "%s",
                  "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1" },
                  "pay_v2": { "offer_id": "offer-v2" },
                  "routing": { "pay_v2_percent": 0 },
                  "retry": { "max_attempts": 2, "initial_backoff_ms": 1, "max_backoff_ms": 5 },
                  "call_timeout_ms": 2000,
                  "journal": { "embedded": "%s", "create": true }
                }
                """.formatted(
                        server.baseUrl(), dir.resolve("journal").toString().replace("\\", "\\\\")));
        config = file.toString();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Cli bridge(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config;
        Cli r = Cli.run(SECRETS, all);
        for (String secret : SECRETS.values()) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "a secret was printed: " + r);
        }
        return r;
    }

    @Test
    void aPlayerIsChargedGrantedAndRefundedThroughTheBridge() {
        Cli balance = bridge("balance", "--openid", "player-0", "--json");
        assertEquals(0, balance.exitCode(), balance.err());
        assertTrue(
                balance.out().startsWith("{\"openid\":\"player-0\",\"version\":\"midas_v1\",\"balance\":1000"),
                balance.out());

        Cli pay = bridge("pay", "--openid", "player-0", "--amount", "10", "--order", "b1", "--item", "钻石", "--json");
        assertEquals("{\"order\":\"b1\",\"version\":\"midas_v1\",\"balance\":990,\"present_used\":0}\n", pay.out());

        Cli v2 = bridge("pay", "--openid", "player-0", "--amount", "20", "--order", "b2", "--api", "v2");
        assertEquals("order: b2\nversion: pay_v2\nbalance: 970\npresent_used: 0\n", v2.out());

        Cli refund = bridge(
                "refund", "--openid", "player-0", "--order", "b2", "--refund-order", "r2", "--amount", "5", "--json");
        assertEquals("{\"refund_order\":\"r2\",\"of\":\"b2\",\"version\":\"pay_v2\"}\n", refund.out());

        Cli grant = bridge("grant", "--openid", "player-0", "--amount", "7", "--order", "g1", "--json");
        assertEquals("{\"order\":\"g1\",\"version\":\"midas_v1\",\"balance\":982}\n", grant.out());

        Cli query = bridge("query-order", "--openid", "player-0", "--out-trade-no", "T123", "--json");
        assertTrue(query.out().startsWith("{\"out_trade_no\":\"T123\",\"pay_state\":1"), query.out());

        Cli list = bridge("journal", "list", "--all", "--json");
        assertEquals(4, list.out().lines().count(), list.out());
        Cli show = bridge("journal", "show", "b2", "--openid", "player-0");
        assertTrue(show.out().contains("status:     APPLIED"), show.out());
        assertTrue(show.out().contains("intent recorded: DEDUCT on pay_v2 as b2"), show.out());
    }

    @Test
    void aDefiniteRefusalIsOneLineWithExitCode3() {
        Cli r = bridge("pay", "--openid", "player-0", "--amount", "5000", "--order", "big");
        assertEquals(3, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("bridge pay: midas_v1 errcode 90013"), r.err());
    }

    @Test
    void anUnknownOutcomeExitsWith4AndReconcileResolvesIt() throws IOException {
        server.admin()
                .addFault(Fault.of(FaultKind.DROP_AFTER_APPLY).forOrder("lost").times(Fault.UNLIMITED));
        Cli pay = bridge("pay", "--openid", "player-0", "--amount", "10", "--order", "lost");
        assertEquals(4, pay.exitCode(), pay.err());
        assertTrue(pay.err().contains("journaled as UNKNOWN"), pay.err());
        assertTrue(bridge("journal", "list").out().contains("UNKNOWN"));

        Path sessions = dir.resolve("sessions.json");
        Files.writeString(sessions, "{\"player-0\": \"cli-session-0\"}");
        Cli stillDown = bridge("journal", "reconcile", "--sessions", sessions.toString());
        assertEquals(4, stillDown.exitCode(), stillDown.out());
        server.admin().clearFaults();
        Cli done = bridge("journal", "reconcile", "--sessions", sessions.toString());
        assertEquals(0, done.exitCode(), done.out() + done.err());
        assertTrue(done.out().contains("reconciled 1: 1 applied"), done.out());
        assertEquals(
                990,
                server.admin()
                        .balance(dev.midasbridge.simulator.Environment.PRODUCTION, "player-0", "1")
                        .balance(),
                "deducted once");
    }

    @Test
    void aMissingSecretOrConfigIsAClearErrorWithExitCode2() {
        Map<String, String> noSession = new HashMap<>(SECRETS);
        noSession.remove("MIDAS_BRIDGE_SESSION_KEY");
        Cli r = Cli.run(noSession, "balance", "--openid", "player-0", "--config", config);
        assertEquals(2, r.exitCode());
        assertTrue(
                r.err()
                        .startsWith("bridge balance: session_key of player-0: set the environment variable"
                                + " MIDAS_BRIDGE_SESSION_KEY"),
                r.err());

        Cli noFile = Cli.run(
                SECRETS,
                "balance",
                "--openid",
                "p",
                "--config",
                dir.resolve("none.json").toString());
        assertEquals(2, noFile.exitCode());
        assertTrue(noFile.err().contains("does not exist"), noFile.err());

        Map<String, String> noKey = new HashMap<>(SECRETS);
        noKey.remove("PAY_V2_APP_KEY");
        Cli key = Cli.run(noKey, "balance", "--openid", "player-0", "--config", config);
        assertEquals(2, key.exitCode());
        assertTrue(key.err().contains("pay_v2.app_key: set the environment variable PAY_V2_APP_KEY"), key.err());
    }

    @Test
    void aBadOrderNumberIsRejectedBeforeSendingNamingTheRule() {
        Cli r = bridge("pay", "--openid", "player-0", "--amount", "1", "--order", "has space", "--api", "v2");
        assertEquals(2, r.exitCode());
        assertTrue(
                r.err()
                        .startsWith("bridge pay: bill_no \"has space\" is not valid for midas_v1: it may only"
                                + " contain"),
                r.err());
        assertTrue(server.admin().ledger().isEmpty());
    }
}
