package dev.midasbridge.benchmarks;

import dev.midasbridge.core.credentials.Secret;
import dev.midasbridge.core.player.Player;
import dev.midasbridge.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The stand-in server configuration the benchmarks use: fixed keys and {@code n} players ({@code bench-player-<i>},
 * zone 1) with {@value #BALANCE} coins each, so that no run can exhaust them; as a {@link SimulatorConfig} and as the
 * JSON file the standalone {@code simulator.jar} reads.
 */
final class BenchWorld {
    static final long BALANCE = 1_000_000_000_000_000L;
    private static final String TOKEN = "bench-access-token";
    private static final String V1_APPID = "wx00000000bench";
    private static final String V1_OFFER = "1450000101";
    private static final String V1_KEY = "bench-midas-v1-production-app-key";
    private static final String V1_SANDBOX_KEY = "bench-midas-v1-sandbox-app-key";
    private static final String V2_OFFER = "1450000102";
    private static final String V2_KEY = "bench-pay-v2-production-app-key";
    private static final String V2_SANDBOX_KEY = "bench-pay-v2-sandbox-app-key";

    private BenchWorld() {}

    static Player player(int i) {
        return Player.of("bench-player-" + i);
    }

    static Secret sessionKey(int i) {
        return Secret.of(
                Base64.getEncoder().encodeToString(("bench-session-" + (1000 + i)).getBytes(StandardCharsets.UTF_8)));
    }

    static SimulatorConfig config(int players) {
        List<SimulatorConfig.PlayerSeed> seeds = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            seeds.add(new SimulatorConfig.PlayerSeed(
                    player(i).openid(),
                    dev.midasbridge.simulator.Secret.of(sessionKey(i).reveal()),
                    "1",
                    BALANCE,
                    0));
        }
        return SimulatorConfig.of(
                dev.midasbridge.simulator.Secret.of(TOKEN),
                new SimulatorConfig.MidasV1Keys(
                        V1_APPID,
                        V1_OFFER,
                        dev.midasbridge.simulator.Secret.of(V1_KEY),
                        dev.midasbridge.simulator.Secret.of(V1_SANDBOX_KEY)),
                new SimulatorConfig.PayV2Keys(
                        V2_OFFER,
                        dev.midasbridge.simulator.Secret.of(V2_KEY),
                        dev.midasbridge.simulator.Secret.of(V2_SANDBOX_KEY)),
                seeds,
                List.of(),
                List.of());
    }

    /** The same configuration as {@link #config(int)}, in the simulator's JSON format (simulator/README.md). */
    static String json(int players) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"access_token\": \"").append(TOKEN).append("\",\n");
        sb.append("  \"midas_v1\": {\"appid\": \"")
                .append(V1_APPID)
                .append("\", \"offer_id\": \"")
                .append(V1_OFFER)
                .append("\", \"app_key\": \"")
                .append(V1_KEY)
                .append("\", \"sandbox_app_key\": \"")
                .append(V1_SANDBOX_KEY)
                .append("\"},\n");
        sb.append("  \"pay_v2\": {\"offer_id\": \"")
                .append(V2_OFFER)
                .append("\", \"app_key\": \"")
                .append(V2_KEY)
                .append("\", \"sandbox_app_key\": \"")
                .append(V2_SANDBOX_KEY)
                .append("\"},\n");
        sb.append("  \"players\": [\n");
        for (int i = 0; i < players; i++) {
            sb.append("    {\"openid\": \"")
                    .append(player(i).openid())
                    .append("\", \"session_key\": \"")
                    .append(sessionKey(i).reveal())
                    .append("\", \"zone_id\": \"1\", \"balance\": ")
                    .append(BALANCE)
                    .append(", \"present_balance\": 0}")
                    .append(i + 1 < players ? ",\n" : "\n");
        }
        return sb.append("  ],\n  \"orders\": [],\n  \"faults\": []\n}\n").toString();
    }
}
