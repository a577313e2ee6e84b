package dev.midasbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.midasbridge.core.ApiVersion;
import dev.midasbridge.core.Environment;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.engine.journal.JournalEntry;
import dev.midasbridge.engine.journal.OrderKind;
import dev.midasbridge.engine.journal.OrderStatus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unchanged game servers, in Python (standard library only, written from docs/API.md), speaking midas 1.0 or pay_v2
 * to the gateway in front of the stand-in at 0%, 50% and 100% routing: every endpoint answers in the dialect spoken,
 * the ledger is exact (balances before/after agree with the operations), and every order went to the version the
 * routing policy named for its player.
 */
class LegacyClientsTest {
    private static GatewayFixture fx;
    private static Path world;

    @BeforeAll
    static void start() throws IOException {
        fx = GatewayFixture.start(6, null, true, 64 * 1024);
        world = fx.dir.resolve("world.json");
        Files.writeString(world, fx.standIn.worldJson(fx.gateway.baseUrl().toString()), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void midasV1ClientAt0And50And100Percent() throws Exception {
        for (int pct : new int[] {0, 50, 100}) {
            route(pct);
            runClient("v1", "v1p" + pct, pct == 100);
            checkRouted("v1p" + pct, pct, "P");
        }
    }

    @Test
    void payV2ClientAt0And50And100Percent() throws Exception {
        for (int pct : new int[] {0, 50, 100}) {
            route(pct);
            runClient("v2", "v2p" + pct, false);
            checkRouted("v2p" + pct, pct, "P");
        }
    }

    private static void route(int pct) throws Exception {
        HttpResponse<String> r = fx.admin("PUT", "/admin/routing", "{\"pay_v2_percent\":" + pct + "}");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static void runClient(String dialect, String run, boolean legacy) throws Exception {
        Path script = Path.of(LegacyClientsTest.class
                .getResource("/clients/payment_client.py")
                .toURI());
        List<String> cmd = new java.util.ArrayList<>(List.of(
                "python3",
                script.toString(),
                "--dialect",
                dialect,
                "--world",
                world.toString(),
                "--base-url",
                fx.gateway.baseUrl().toString(),
                "--run",
                run));
        if (legacy) {
            cmd.add("--legacy-bill-no");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the python client did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), dialect + " client at run " + run + ": " + out);
        assertTrue(out.contains("\"ok\": true"), out);
    }

    /** Every deduction of this run is APPLIED in the journal, on the version the policy gives its player. */
    private static void checkRouted(String run, int pct, String prefix) {
        List<JournalEntry> all = fx.gateway.bridge().journal().list(100_000);
        int seen = 0;
        for (JournalEntry e : all) {
            String no = e.key().orderNo();
            if (e.kind() != OrderKind.DEDUCT || !no.replaceFirst("^_", "").startsWith(prefix + run + "-")) {
                continue;
            }
            seen++;
            ApiVersion expected = pct == 0
                    ? ApiVersion.MIDAS_V1
                    : pct == 100
                            ? ApiVersion.PAY_V2
                            : fx.gateway
                                    .bridge()
                                    .router()
                                    .route(Player.of(e.key().openid(), e.key().zoneId()), Environment.PRODUCTION);
            assertEquals(expected, e.version(), "order " + e.key());
            assertEquals(OrderStatus.APPLIED, e.status(), "order " + e.key());
            if (no.startsWith("_") && e.version() == ApiVersion.PAY_V2) {
                assertEquals("L" + no, e.wireOrderNo(), "a leading-_ bill_no is remapped with the legacy prefix");
            }
        }
        assertEquals(8, seen, "one deduction per player in run " + run);
    }
}
