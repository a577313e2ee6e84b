package dev.midasbridge.cli;

import dev.midasbridge.simulator.Secret;
import dev.midasbridge.simulator.SimulatorConfig;
import java.util.List;

/**
 * The stand-in most CLI tests run against: one player, {@code player-0}, and keys named after the test's tag
 * ({@code wx<tag>}, {@code <tag>-token}, {@code <tag>-v1-key}, {@code <tag>-v1-sandbox}, {@code <tag>-v2-key},
 * {@code <tag>-v2-sandbox}, session key {@code <tag>-session-0}), so each test's secrets map names them plainly.
 */
final class OnePlayerStandIn {
    private OnePlayerStandIn() {}

    /** offer ids {@code offer-v1} and {@code offer-v2}; the player in zone 1 with {@code balance} coins. */
    static SimulatorConfig config(String tag, long balance) {
        return SimulatorConfig.of(
                Secret.of(tag + "-token"),
                new SimulatorConfig.MidasV1Keys(
                        "wx" + tag, "offer-v1", Secret.of(tag + "-v1-key"), Secret.of(tag + "-v1-sandbox")),
                new SimulatorConfig.PayV2Keys("offer-v2", Secret.of(tag + "-v2-key"), Secret.of(tag + "-v2-sandbox")),
                List.of(new SimulatorConfig.PlayerSeed("player-0", Secret.of(tag + "-session-0"), "1", balance, 0)),
                List.of(),
                List.of());
    }
}
