package dev.midasbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.simulator.ApiVersion;
import dev.midasbridge.simulator.Environment;
import dev.midasbridge.simulator.Fault;
import dev.midasbridge.simulator.FaultKind;
import dev.midasbridge.simulator.LedgerEntry;
import dev.midasbridge.simulator.Secret;
import dev.midasbridge.simulator.SimulatorConfig;
import dev.midasbridge.simulator.StandInServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The payment commands when something other than the payment itself goes wrong: the access token cannot be fetched,
 * a read gets no answer, a refund of an order this journal does not know, a secret pasted into a {@code *_env} field.
 */
class PaymentFailuresTest {
    /** An AppKey-like secret: what a user pastes into the wrong field. */
    private static final String PASTED_KEY = "zNLgAGgqS3cr3tAppKeyValue0123456";

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
            "cli-session-0",
            "MIDAS_BRIDGE_APP_SECRET",
            "cli-app-secret");

    @TempDir
    Path dir;

    private StandInServer server;

    @BeforeEach
    void start() {
        SimulatorConfig sim = SimulatorConfig.of(
                Secret.of("cli-token"),
                new SimulatorConfig.MidasV1Keys(
                        "wxcli", "offer-v1", Secret.of("cli-v1-key"), Secret.of("cli-v1-sandbox")),
                new SimulatorConfig.PayV2Keys("offer-v2", Secret.of("cli-v2-key"), Secret.of("cli-v2-sandbox")),
                List.of(new SimulatorConfig.PlayerSeed("player-0", Secret.of("cli-session-0"), "1", 1_000, 0)),
                List.of(),
                List.of());
        server = StandInServer.start(
                sim, StandInServer.Options.defaults().withPort(0).withAdmin(true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A config file; {@code extra} is inserted as further top-level settings (with a trailing comma). */
    private String config(String name, String baseUrl, String extra) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {
                  "base_url": "%s",
                  %s
                  "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1" },
                  "pay_v2": { "offer_id": "offer-v2" },
                  "retry": { "max_attempts": 3, "initial_backoff_ms": 1, "max_backoff_ms": 5 },
                  "call_timeout_ms": 2000,
                  "journal": { "embedded": "%s", "create": true }
                }
                """.formatted(
                baseUrl, extra, dir.resolve(name + "-journal").toString().replace("\\", "\\\\")));
        return file.toString();
    }

    private static Cli run(Map<String, String> env, String... args) {
        Cli r = Cli.run(env, args);
        for (String secret : env.values()) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "a secret was printed: " + r);
        }
        return r;
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    // --- item 1: an access token that cannot be fetched is not a sent payment ------------------------------------

    @Test
    void payWithTheAccessTokenUnreachableSendsNothingAndExitsWith5() throws IOException {
        String config =
                config("token", closedPortUrl(), "\"access_token\": { \"stable_token\": { \"appid\": \"wxcli\" } },");
        Cli pay = run(SECRETS, "pay", "--openid", "player-0", "--amount", "10", "--order", "b1", "--config", config);
        assertEquals(ExitCodes.NOT_APPLIED_TRY_LATER, pay.exitCode(), pay.toString());
        assertEquals(1, pay.err().lines().count(), pay.err());
        assertTrue(pay.err().contains("nothing was sent"), pay.err());
        assertFalse(pay.err().contains("UNKNOWN"), pay.err());

        Cli show = run(SECRETS, "journal", "show", "b1", "--openid", "player-0", "--json", "--config", config);
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().contains("\"attempts\":0"), show.out());
        assertFalse(show.out().contains("\"status\":\"UNKNOWN\""), show.out());
        assertFalse(show.out().matches("(?s).*attempt \\d+ sent.*"), "no attempt was journaled as sent: " + show.out());
    }

    @Test
    void balanceWithTheAccessTokenUnreachableSaysSoInAReadsWords() throws IOException {
        String config =
                config("token", closedPortUrl(), "\"access_token\": { \"stable_token\": { \"appid\": \"wxcli\" } },");
        Cli balance = run(SECRETS, "balance", "--openid", "player-0", "--config", config);
        assertEquals(ExitCodes.NOT_APPLIED_TRY_LATER, balance.exitCode(), balance.toString());
        assertEquals(1, balance.err().lines().count(), balance.err());
        assertTrue(balance.err().startsWith("bridge balance: "), balance.err());
        assertTrue(balance.err().contains("run it again later"), balance.err());
        assertFalse(balance.err().contains("order number"), balance.err());
    }

    @Test
    void aBalanceWithNoUsableAnswerNeverSpeaksOfOrderNumbers() throws IOException {
        server.admin()
                .addFault(Fault.of(FaultKind.BUSY).forEndpoint("getbalance").times(Fault.UNLIMITED));
        Cli balance = run(SECRETS, "balance", "--openid", "player-0", "--config", config("busy", server.baseUrl(), ""));
        assertEquals(ExitCodes.NOT_APPLIED_TRY_LATER, balance.exitCode(), balance.toString());
        assertEquals(
                "bridge balance: midas_v1 errcode -1 \"system busy (injected fault)\": no usable answer for the balance"
                        + " (SYSTEM_BUSY); a read changes nothing: run it again",
                balance.err().strip());
    }

    // --- item 6: refunds of orders this journal does not know ----------------------------------------------------

    @Test
    void aRefundOfAnOrderThisJournalDoesNotKnowGoesWhereApiSaysOrIsRefused() throws IOException {
        String elsewhere = config("elsewhere", server.baseUrl(), "");
        Cli pay = run(
                SECRETS,
                "pay",
                "--openid",
                "player-0",
                "--amount",
                "30",
                "--order",
                "made-elsewhere",
                "--api",
                "v2",
                "--config",
                elsewhere);
        assertEquals(0, pay.exitCode(), pay.toString());

        String here = config("here", server.baseUrl(), "");
        Cli refused = run(
                SECRETS,
                "refund",
                "--openid",
                "player-0",
                "--order",
                "made-elsewhere",
                "--refund-order",
                "r1",
                "--amount",
                "30",
                "--config",
                here);
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("give --api v1|v2"), refused.err());
        assertTrue(refused.err().contains("unjournaled_order_version"), refused.err());
        assertEquals(1, server.admin().ledger().size(), "nothing was sent");

        Cli refund = run(
                SECRETS,
                "refund",
                "--openid",
                "player-0",
                "--order",
                "made-elsewhere",
                "--refund-order",
                "r2",
                "--amount",
                "10",
                "--api",
                "v2",
                "--json",
                "--config",
                here);
        assertEquals(0, refund.exitCode(), refund.toString());
        assertEquals("{\"refund_order\":\"r2\",\"of\":\"made-elsewhere\",\"version\":\"pay_v2\"}\n", refund.out());
        LedgerEntry last = server.admin().ledger().get(server.admin().ledger().size() - 1);
        assertEquals(ApiVersion.PAY_V2, last.version());
        assertEquals("r2", last.billNo());

        String configured = config("configured", server.baseUrl(), "\"unjournaled_order_version\": \"v2\",");
        Cli byConfig = run(
                SECRETS,
                "refund",
                "--openid",
                "player-0",
                "--order",
                "made-elsewhere",
                "--refund-order",
                "r3",
                "--amount",
                "20",
                "--config",
                configured);
        assertEquals(0, byConfig.exitCode(), byConfig.toString());
        assertEquals(
                1_000,
                server.admin().balance(Environment.PRODUCTION, "player-0", "1").balance());
    }

    @Test
    void anUnknownUnjournaledOrderVersionIsABadConfiguration() throws IOException {
        Cli r = run(
                SECRETS,
                "balance",
                "--openid",
                "player-0",
                "--config",
                config("bad", server.baseUrl(), "\"unjournaled_order_version\": \"v3\","));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("unjournaled_order_version must be \"v1\" or \"v2\""), r.err());
    }

    // --- item 9: a secret typed into a *_env field is never printed ------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "midas_v1.app_key_env",
                "midas_v1.sandbox_app_key_env",
                "pay_v2.app_key_env",
                "pay_v2.sandbox_app_key_env",
                "access_token.env",
                "access_token.stable_token.secret_env",
                "journal.password_env"
            })
    void aSecretPastedIntoAnEnvFieldIsRefusedWithoutPrintingIt(String field) throws IOException {
        String json = switch (field) {
            case "midas_v1.app_key_env", "midas_v1.sandbox_app_key_env" ->
                """
                    { "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1", "%s": "%s" },
                      "pay_v2": { "offer_id": "offer-v2" } }""".formatted(field.substring(9), PASTED_KEY);
            case "pay_v2.app_key_env", "pay_v2.sandbox_app_key_env" -> """
                    { "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1" },
                      "pay_v2": { "offer_id": "offer-v2", "%s": "%s" } }""".formatted(field.substring(7), PASTED_KEY);
            case "access_token.env" -> """
                    { "access_token": { "env": "%s" }, "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1" },
                      "pay_v2": { "offer_id": "offer-v2" } }""".formatted(PASTED_KEY);
            case "access_token.stable_token.secret_env" -> """
                    { "access_token": { "stable_token": { "appid": "wxcli", "secret_env": "%s" } },
                      "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1" }, "pay_v2": { "offer_id": "offer-v2" } }
                    """.formatted(PASTED_KEY);
            default -> """
                    { "journal": { "url": "jdbc:h2:mem:x", "password_env": "%s" },
                      "midas_v1": { "appid": "wxcli", "offer_id": "offer-v1" }, "pay_v2": { "offer_id": "offer-v2" } }
                    """.formatted(PASTED_KEY);
        };
        Path file = dir.resolve("pasted.json");
        Files.writeString(file, json);
        Cli r = Cli.run(
                SECRETS,
                "pay",
                "--openid",
                "player-0",
                "--amount",
                "1",
                "--order",
                "b1",
                "--verbose",
                "--config",
                file.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains(field + " must name an environment variable"), r.err());
        assertFalse((r.out() + r.err()).contains(PASTED_KEY.substring(0, 8)), "the pasted key was printed: " + r);
        assertTrue(server.admin().ledger().isEmpty());
    }

    @Test
    void aSessionKeyPastedIntoSessionKeyEnvIsNotPrinted() throws IOException {
        Map<String, String> env = new HashMap<>(SECRETS);
        Cli r = Cli.run(
                env,
                "balance",
                "--openid",
                "player-0",
                "--session-key-env",
                PASTED_KEY,
                "--config",
                config("session", server.baseUrl(), ""));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--session-key-env must name an environment variable"), r.err());
        assertFalse((r.out() + r.err()).contains(PASTED_KEY.substring(0, 8)), r.toString());
    }
}
